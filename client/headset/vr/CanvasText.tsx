import { useEffect, useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace } from 'three';

interface CanvasTextProps {
  lines: string[];
  width: number;
  height: number;
  /** Pixels per metre of the drawn texture. */
  resolution?: number;
  fontSize?: number;
  color?: string;
  background?: string;
  position?: [number, number, number];
  /** Draw over the scene, ignoring depth (for panels that must never be hidden). */
  overlay?: boolean;
}

/** Text drawn on a canvas with the device's own fonts: nothing fetched, readable in a headset. */
export function CanvasText({ lines, width, height, resolution = 700, fontSize = 48, color = '#f2f5f7', background, position, overlay = false }: CanvasTextProps) {
  const texture = useMemo(() => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * resolution);
    canvas.height = Math.round(height * resolution);
    const ctx = canvas.getContext('2d')!;
    if (background) {
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
    }
    ctx.fillStyle = color;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `600 ${fontSize}px system-ui, sans-serif`;
    const step = canvas.height / (lines.length + 1);
    lines.forEach((line, i) => ctx.fillText(line, canvas.width / 2, step * (i + 1), canvas.width * 0.96));
    const t = new CanvasTexture(canvas);
    t.colorSpace = SRGBColorSpace;
    t.anisotropy = 4;
    return t;
  }, [lines.join('\n'), width, height, resolution, fontSize, color, background]);
  useEffect(() => () => texture.dispose(), [texture]);
  return (
    <mesh position={position} raycast={() => null} renderOrder={overlay ? 1004 : 0}>
      <planeGeometry args={[width, height]} />
      <meshBasicMaterial map={texture} transparent toneMapped={false} depthTest={!overlay} />
    </mesh>
  );
}
