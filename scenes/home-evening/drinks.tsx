import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import {
  BoxGeometry,
  CylinderGeometry,
  LatheGeometry,
  MeshStandardMaterial,
  Vector2,
  type Group,
  type Texture,
} from 'three';
import { beerFoam, beerLiquid, canvasTexture, glassClear, type Part } from '../kit/materials';
import type { DrinkKind, DrinkStyle } from './drinkPersonalisation';

/*
 * Drinks shared by the alcohol scenes: a glass per drink (pint, wine glass, whisky tumbler) with its liquid,
 * bottles and cans carrying the patient's label (colour and text drawn on a small canvas), and the liquid
 * materials. Every object stands with its origin at its bottom centre and +y up, so an avatar can hold it.
 */

const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));

// ---------------------------------------------------------------------------------------------------------------
// Materials
// ---------------------------------------------------------------------------------------------------------------

export const wineLiquid = new MeshStandardMaterial({ color: '#5c0a1d', emissive: '#2c0410', emissiveIntensity: 0.6, roughness: 0.08 });
export const whiskyLiquid = new MeshStandardMaterial({ color: '#c7791c', emissive: '#6a3300', emissiveIntensity: 0.55, roughness: 0.1 });
const ice = new MeshStandardMaterial({ color: '#f2f8fb', roughness: 0.08, transparent: true, opacity: 0.6, depthWrite: false, envMapIntensity: 2 });
const bottleMats: Record<DrinkKind, MeshStandardMaterial> = {
  beer: new MeshStandardMaterial({ color: '#4a230b', roughness: 0.08, metalness: 0.15, envMapIntensity: 2 }),
  wine: new MeshStandardMaterial({ color: '#102e1a', roughness: 0.08, metalness: 0.15, envMapIntensity: 2 }),
  spirits: new MeshStandardMaterial({ color: '#8a4c14', roughness: 0.06, metalness: 0.15, envMapIntensity: 2.2 }),
};
const capGold = new MeshStandardMaterial({ color: '#c9a23a', roughness: 0.3, metalness: 1 });
const capDark = new MeshStandardMaterial({ color: '#1d1a18', roughness: 0.35, metalness: 0.6 });
const canMetal = new MeshStandardMaterial({ color: '#c9ced4', roughness: 0.3, metalness: 1 });

// ---------------------------------------------------------------------------------------------------------------
// Glasses
// ---------------------------------------------------------------------------------------------------------------

/** Pint glass (nonic), 15 cm; liquid up to 11.8 cm, then foam. */
const PINT_GLASS = new LatheGeometry(
  v2([
    [0.0, 0.0],
    [0.03, 0.0],
    [0.032, 0.006],
    [0.037, 0.1],
    [0.0425, 0.122],
    [0.0405, 0.15],
  ]),
  16,
);
const PINT_LIQUID = new LatheGeometry(
  v2([
    [0.0, 0],
    [0.028, 0],
    [0.0345, 0.094],
    [0.0385, 0.112],
    [0.0, 0.112],
  ]),
  16,
);
const PINT_FOAM = new LatheGeometry(
  v2([
    [0.0, 0],
    [0.0388, 0],
    [0.0398, 0.023],
    [0.034, 0.035],
    [0.018, 0.04],
    [0.0, 0.041],
  ]),
  16,
);

/** Wine glass, 20.5 cm: foot, stem, bowl. */
const WINE_GLASS = new LatheGeometry(
  v2([
    [0.0, 0.0],
    [0.036, 0.0],
    [0.037, 0.003],
    [0.009, 0.006],
    [0.0042, 0.014],
    [0.0038, 0.078],
    [0.009, 0.087],
    [0.03, 0.101],
    [0.041, 0.125],
    [0.0425, 0.15],
    [0.0395, 0.178],
    [0.034, 0.205],
  ]),
  18,
);
const WINE_LIQUID = new LatheGeometry(
  v2([
    [0.0, 0],
    [0.009, 0.002],
    [0.029, 0.016],
    [0.0385, 0.034],
    [0.0405, 0.05],
    [0.0, 0.05],
  ]),
  18,
);

/** Whisky tumbler, 9 cm, thick base. */
const TUMBLER = new LatheGeometry(
  v2([
    [0.0, 0.0],
    [0.037, 0.0],
    [0.04, 0.004],
    [0.043, 0.09],
    [0.0405, 0.09],
    [0.0378, 0.016],
    [0.0, 0.016],
  ]),
  18,
);
const TUMBLER_LIQUID = new LatheGeometry(
  v2([
    [0.0, 0],
    [0.0376, 0],
    [0.0389, 0.036],
    [0.0, 0.036],
  ]),
  18,
);
const ICE = new BoxGeometry(0.024, 0.022, 0.024);

/** Height (for the lips) and radius (for the grip) of each glass, for `Avatar` `heldHeight` / `heldRadius`. */
export const GLASS_SIZE: Record<DrinkKind, { height: number; radius: number }> = {
  beer: { height: 0.15, radius: 0.04 },
  wine: { height: 0.205, radius: 0.042 },
  spirits: { height: 0.09, radius: 0.042 },
};

interface GlassProps {
  kind: DrinkKind;
  /** 0..1 of a full serving; a getter animates it every frame (pouring). */
  fill?: number | (() => number);
  scale?: number;
}

/** A served glass of the drink; origin at its bottom centre. */
export function DrinkGlass({ kind, fill = 1, scale = 1 }: GlassProps) {
  const liquid = useRef<Group>(null);
  const top = useRef<Group>(null);
  const apply = (f: number) => {
    const l = liquid.current;
    const t = top.current;
    const k = Math.max(0.02, Math.min(1, f));
    if (l) {
      l.scale.y = k;
      l.visible = f > 0.01;
      if (kind === 'wine') l.scale.x = l.scale.z = 0.72 + 0.28 * k;
    }
    if (t) {
      t.visible = f > 0.01;
      if (kind === 'beer') {
        t.position.y = 0.006 + 0.112 * k;
        t.scale.x = t.scale.z = 0.8 + 0.2 * k;
      } else if (kind === 'spirits') t.position.y = 0.016 + 0.036 * k - 0.012;
    }
  };
  useLayoutEffect(() => {
    apply(typeof fill === 'function' ? fill() : fill);
  });
  useFrame(() => {
    if (typeof fill === 'function') apply(fill());
  });

  return (
    <group scale={scale}>
      {kind === 'beer' ? (
        <>
          <group ref={liquid} position={[0, 0.006, 0]}>
            <mesh geometry={PINT_LIQUID} material={beerLiquid} />
          </group>
          <group ref={top} position={[0, 0.118, 0]}>
            <mesh geometry={PINT_FOAM} material={beerFoam} />
          </group>
          <mesh geometry={PINT_GLASS} material={glassClear} renderOrder={2} />
        </>
      ) : kind === 'wine' ? (
        <>
          <group ref={liquid} position={[0, 0.087, 0]}>
            <mesh geometry={WINE_LIQUID} material={wineLiquid} />
          </group>
          <mesh geometry={WINE_GLASS} material={glassClear} renderOrder={2} />
        </>
      ) : (
        <>
          <group ref={liquid} position={[0, 0.016, 0]}>
            <mesh geometry={TUMBLER_LIQUID} material={whiskyLiquid} />
          </group>
          <group ref={top} position={[0, 0.04, 0]}>
            <mesh geometry={ICE} material={ice} position={[0.011, 0.006, 0.006]} rotation={[0.3, 0.5, 0.2]} renderOrder={1} />
            <mesh geometry={ICE} material={ice} position={[-0.012, 0.008, -0.006]} rotation={[-0.2, 1.1, 0.4]} renderOrder={1} />
          </group>
          <mesh geometry={TUMBLER} material={glassClear} renderOrder={2} />
        </>
      )}
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------------------------

type LabelVariant = 'beer' | 'wine' | 'spirits' | 'can';

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}

/** Ink that reads on the label colour: near-black on light colours, cream on dark ones. */
export function inkFor(colour: string): string {
  return luminance(colour) > 0.33 ? '#1b1712' : '#f7f0dc';
}

function fitFont(ctx: CanvasRenderingContext2D, text: string, maxW: number, maxPx: number, weight = 'bold') {
  let px = maxPx;
  ctx.font = `${weight} ${px}px sans-serif`;
  while (px > 10 && ctx.measureText(text).width > maxW) {
    px -= 2;
    ctx.font = `${weight} ${px}px sans-serif`;
  }
  return px;
}

/**
 * The label wraps the whole bottle: u = 0.5 faces the bottle's +z (front), u = 0 / 1 its back. The name is
 * written on both, so a bottle reads whichever way it is turned.
 */
function drawLabel(variant: LabelVariant, colour: string, text: string) {
  return (ctx: CanvasRenderingContext2D, w: number, h: number) => {
    const ink = inkFor(colour);
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, w, h);
    const faces = [w / 2, 0, w];
    const sub: Record<LabelVariant, string> = { beer: 'BRASSÉE · 33 cl', wine: 'GRAND CRU · 75 cl', spirits: 'VIEILLI 12 ANS', can: '50 cl' };
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    if (variant === 'can') {
      // Two bands and a big name, like a supermarket lager.
      ctx.globalAlpha = 0.85;
      ctx.fillRect(0, h * 0.1, w, h * 0.035);
      ctx.fillRect(0, h * 0.865, w, h * 0.035);
      ctx.globalAlpha = 1;
      for (const cx of faces) {
        fitFont(ctx, text, w * 0.32, h * 0.34);
        ctx.fillText(text, cx, h * 0.48);
        ctx.font = `bold ${Math.round(h * 0.09)}px sans-serif`;
        ctx.fillText(sub.can, cx, h * 0.72);
      }
      return;
    }
    // Bottle label: a fine frame, the name, a small line under it.
    ctx.lineWidth = Math.max(2, h * 0.025);
    ctx.strokeRect(h * 0.06, h * 0.08, w - h * 0.12, h * 0.84);
    ctx.globalAlpha = 0.9;
    ctx.fillRect(0, h * 0.02, w, h * 0.025);
    ctx.fillRect(0, h * 0.955, w, h * 0.025);
    ctx.globalAlpha = 1;
    for (const cx of faces) {
      if (variant === 'wine') {
        ctx.font = `italic ${Math.round(h * 0.1)}px serif`;
        ctx.fillText('Château', cx, h * 0.24);
      }
      fitFont(ctx, text, w * 0.3, h * (variant === 'wine' ? 0.26 : 0.34), variant === 'wine' ? 'bold' : '900');
      ctx.fillText(text, cx, h * (variant === 'wine' ? 0.5 : 0.46));
      ctx.font = `${Math.round(h * 0.1)}px sans-serif`;
      ctx.fillText(sub[variant], cx, h * 0.76);
    }
  };
}

const labelCache = new Map<string, MeshStandardMaterial>();

/** Shared label material for a drink style (cached: a session shows very few styles). */
export function labelMaterial(style: DrinkStyle, variant: LabelVariant): MeshStandardMaterial {
  const key = `${variant}|${style.colour}|${style.text}`;
  let m = labelCache.get(key);
  if (!m) {
    const tex: Texture | null = canvasTexture(512, variant === 'can' ? 256 : 192, drawLabel(variant, style.colour, style.text));
    m =
      variant === 'can'
        ? new MeshStandardMaterial({ map: tex, color: tex ? '#ffffff' : style.colour, roughness: 0.28, metalness: 0.55, envMapIntensity: 1.2 })
        : new MeshStandardMaterial({ map: tex, color: tex ? '#ffffff' : style.colour, roughness: 0.6, metalness: 0 });
    labelCache.set(key, m);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Bottles and cans
// ---------------------------------------------------------------------------------------------------------------

interface BottleShape {
  geo: LatheGeometry;
  h: number;
  r: number;
  /** Label bottom and height. */
  label: [number, number];
  neck: number;
}

const BOTTLE: Record<DrinkKind, BottleShape> = {
  beer: {
    geo: new LatheGeometry(
      v2([
        [0, 0],
        [0.03, 0],
        [0.032, 0.006],
        [0.032, 0.13],
        [0.029, 0.152],
        [0.016, 0.18],
        [0.0135, 0.215],
        [0.0155, 0.222],
        [0.0145, 0.23],
        [0, 0.23],
      ]),
      14,
    ),
    h: 0.23,
    r: 0.032,
    label: [0.035, 0.075],
    neck: 0.0155,
  },
  wine: {
    geo: new LatheGeometry(
      v2([
        [0, 0],
        [0.036, 0],
        [0.037, 0.006],
        [0.037, 0.19],
        [0.033, 0.215],
        [0.016, 0.248],
        [0.0145, 0.288],
        [0.0165, 0.3],
        [0, 0.3],
      ]),
      14,
    ),
    h: 0.3,
    r: 0.037,
    label: [0.05, 0.1],
    neck: 0.0165,
  },
  spirits: {
    geo: new LatheGeometry(
      v2([
        [0, 0],
        [0.044, 0],
        [0.046, 0.008],
        [0.046, 0.175],
        [0.04, 0.2],
        [0.019, 0.212],
        [0.016, 0.25],
        [0.018, 0.268],
        [0, 0.268],
      ]),
      14,
    ),
    h: 0.268,
    r: 0.046,
    label: [0.045, 0.095],
    neck: 0.018,
  },
};

export const BOTTLE_SIZE: Record<DrinkKind, { height: number; radius: number }> = {
  beer: { height: BOTTLE.beer.h, radius: BOTTLE.beer.r },
  wine: { height: BOTTLE.wine.h, radius: BOTTLE.wine.r },
  spirits: { height: BOTTLE.spirits.h, radius: BOTTLE.spirits.r },
};

const LABEL_CYL = new CylinderGeometry(1, 1, 1, 24, 1, true, -Math.PI, Math.PI * 2);
const CAP = new CylinderGeometry(1, 1, 1, 12, 1);

/** A bottle of the drink with the patient's label. `open`: no cap (beer), no cork and a cut capsule (wine). */
export function DrinkBottle({ style, open = false, scale = 1 }: { style: DrinkStyle; open?: boolean; scale?: number }) {
  const shape = BOTTLE[style.kind];
  const label = useMemo(() => labelMaterial(style, style.kind), [style]);
  const [ly, lh] = shape.label;
  const lr = shape.r + 0.0012;
  const capped = !(open && style.kind === 'beer');
  return (
    <group scale={scale}>
      <mesh geometry={shape.geo} material={bottleMats[style.kind]} />
      <mesh geometry={LABEL_CYL} material={label} position={[0, ly + lh / 2, 0]} scale={[lr, lh, lr]} />
      {style.kind === 'wine' ? (
        // Foil capsule in the label colour (a short one when the bottle is open)
        <mesh
          geometry={CAP}
          material={label}
          position={[0, shape.h - (open ? 0.012 : 0.025), 0]}
          scale={[shape.neck + 0.0015, open ? 0.024 : 0.05, shape.neck + 0.0015]}
        />
      ) : capped ? (
        <mesh
          geometry={CAP}
          material={style.kind === 'beer' ? capGold : capDark}
          position={[0, shape.h - 0.006, 0]}
          scale={[shape.neck + 0.002, style.kind === 'beer' ? 0.014 : 0.03, shape.neck + 0.002]}
        />
      ) : null}
    </group>
  );
}

const CAN_BODY = new CylinderGeometry(0.033, 0.033, 0.112, 20, 1, true, -Math.PI, Math.PI * 2);
const CAN_END = new CylinderGeometry(0.029, 0.033, 0.008, 20, 1);
export const CAN_HEIGHT = 0.128;

/** Can parts at (x, y, z) for merging: the printed body (label material) and the two metal ends. */
export function canParts(x: number, y: number, z: number, rotY: number, body: Part[], metal: Part[]) {
  body.push({ geometry: CAN_BODY, position: [x, y + 0.064, z], rotation: [0, rotY, 0] });
  metal.push({ geometry: CAN_END, position: [x, y + 0.124, z] });
  metal.push({ geometry: CAN_END, position: [x, y + 0.004, z], rotation: [Math.PI, 0, 0] });
}

/** Materials for `canParts`. */
export function canMaterials(style: DrinkStyle) {
  return { body: labelMaterial(style, 'can'), metal: canMetal };
}

/** Shared template geometries other scene files may reuse. */
export const DRINK_GEOMETRY = { bottle: BOTTLE };
