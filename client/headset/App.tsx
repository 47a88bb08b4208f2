import { OrbitControls } from '@react-three/drei';
import { advance, Canvas, useFrame, useThree } from '@react-three/fiber';
import { XR, type XRStore, useXR } from '@react-three/xr';
import { useEffect, useRef, useState } from 'react';
import { Quaternion, Vector3 } from 'three';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { targetOf, useHeadset } from './headsetStore';
import { requestPause, sendTelemetry } from './link';
import { Guidance } from './vr/Guidance';
import { PatientPause } from './vr/PatientPause';
import { RatingPanel } from './vr/RatingPanel';
import { EYE_HEIGHT } from './vr/eyeHeight';
import { PatientPlacement, usePosture } from './vr/PatientPlacement';
import { Stage, TransitionDirector } from './vr/Stage';
import { AttentionCapture } from './vr/AttentionCapture';

export function App({ xr }: { xr: XRStore }) {
  const { t } = useTranslation();
  const mode = useHeadset((s) => s.mode);
  const code = useHeadset((s) => s.code);
  const paused = useHeadset((s) => targetOf(s).stopped);
  const linkLost = useHeadset((s) => s.linkLost);
  const immersive = useHeadset((s) => s.immersive);
  const [vrSupported, setVrSupported] = useState(false);

  useEffect(() => {
    void navigator.xr?.isSessionSupported('immersive-vr').then(setVrSupported, () => setVrSupported(false));
  }, []);

  return (
    <>
      <div className="stage">
        <Canvas camera={{ position: [0, 1.2, 0], fov: 70, near: 0.05, far: 200 }} dpr={[1, 2]}>
          <XR store={xr}>
            <Stage />
            <RatingPanel />
            <TransitionDirector />
            <Telemetry />
            <AttentionCapture />
            <PatientPause />
            <Guidance />
            {EMULATED && <ExposeRenderer />}
            <PatientPlacement />
            {!immersive && <DesktopEye />}
          </XR>
        </Canvas>
      </div>
      {mode !== 'paired' && (
        <div className="overlay">
          <div className="card">
            {mode === 'pairing' && (
              <>
                <h1>{t('welcome')}</h1>
                <p>{t('pairingCode')}</p>
                <div className="code" data-testid="pairing-code">
                  {code ?? '······'}
                </div>
              </>
            )}
            {mode === 'connecting' && <p>{t('connecting')}</p>}
            {mode === 'ended' && <h1>{t('ended')}</h1>}
          </div>
        </div>
      )}
      {mode === 'paired' && paused && (
        <div className="overlay">
          <div className="card">
            <h1>{t('paused')}</h1>
            <p>{linkLost ? t('linkLost') : t('pausedHint')}</p>
          </div>
        </div>
      )}
      <div className="bar" hidden={PREVIEW}>
        <span>{mode === 'paired' && !immersive && <span className="status">{t('desktopHint')}</span>}</span>
        <span>
          {mode === 'paired' && !paused && (
            <button type="button" onClick={requestPause}>
              {t('pause')}
            </button>
          )}{' '}
          {vrSupported && mode === 'paired' && !immersive && (
            <button type="button" className="primary" onClick={() => void xr.enterVR()}>
              {t('enterVr')}
            </button>
          )}{' '}
          <LanguageSwitch />
        </span>
      </div>
      <AppliedState />
    </>
  );
}

/** The desktop view: drag to look around from the patient's seat, at the posture's eye height. */
function DesktopEye() {
  const eye = EYE_HEIGHT[usePosture()];
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    camera.position.set(0, eye, 0);
  }, [camera, eye]);
  return <OrbitControls target={[0, eye, -0.01]} enableZoom={false} enablePan={false} rotateSpeed={-0.35} />;
}

const params = new URLSearchParams(location.search);
const PREVIEW = params.has('preview');
const EMULATED = params.has('emulate') || PREVIEW;

/**
 * Under emulation (tests, development) the renderer is reachable, so tests can read draw calls and
 * triangles, and can step frames themselves with a fixed time step (`cueroomFrames`).
 */
function ExposeRenderer() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const clock = useThree((s) => s.clock);
  const setFrameloop = useThree((s) => s.setFrameloop);
  useEffect(() => {
    const frames = {
      manual: (on: boolean) => setFrameloop(on ? 'never' : 'always'),
      step: (seconds: number) => advance(clock.elapsedTime + seconds),
    };
    Object.assign(window, { cueroomRenderer: gl, cueroomScene: scene, cueroomCamera: camera, cueroomFrames: frames });
  }, [gl, scene, camera, clock, setFrameloop]);
  return null;
}

/** Head pose updates a second for the console's mirror view (the server relays at most 20). */
const POSE_HZ = 15;
const headPosition = new Vector3();
const headQuaternion = new Quaternion();

/**
 * Sends immersive mode, the frame rate (measured over a second) and the head pose in scene coordinates
 * (volatile): in VR the tracked head after placement, on a desktop the drag-to-look camera.
 */
function Telemetry() {
  const session = useXR((s) => s.session);
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const frames = useRef(0);
  const since = useRef(performance.now());
  const fps = useRef<number | null>(null);
  const sentAt = useRef(0);
  useEffect(() => {
    useHeadset.setState({ immersive: session != null });
  }, [session]);
  useFrame(() => {
    frames.current += 1;
    const now = performance.now();
    if (now - since.current >= 1000) {
      fps.current = Math.round((frames.current * 1000) / (now - since.current));
      frames.current = 0;
      since.current = now;
    }
    if (now - sentAt.current < 1000 / POSE_HZ) return;
    sentAt.current = now;
    const head = session ? gl.xr.getCamera() : camera;
    head.getWorldPosition(headPosition);
    head.getWorldQuaternion(headQuaternion);
    const round = (v: number) => Math.round(v * 1e4) / 1e4;
    const p = headPosition.toArray().map(round) as [number, number, number];
    const q = headQuaternion.normalize().toArray().map(round) as [number, number, number, number];
    // Before tracking settles a pose can be degenerate: send the mode and frame rate without it.
    sendTelemetry(session != null, fps.current, [...p, ...q].every(Number.isFinite) ? { p, q } : undefined);
  });
  return null;
}

/** What the headset is actually showing, for assistive technology and for the end-to-end tests. */
function AppliedState() {
  const shown = useHeadset((s) => s.shown);
  const phase = useHeadset((s) => s.phase);
  const revision = useHeadset((s) => s.appliedRevision);
  const prompt = useHeadset((s) => s.directive?.prompt?.promptId ?? '');
  const linkLost = useHeadset((s) => s.linkLost);
  const draft = useHeadset((s) => (s.ratingDraft?.promptId === prompt ? s.ratingDraft.value : ''));
  return (
    <output
      id="applied-state"
      className="sr-only"
      data-scene={shown.sceneId}
      data-level={shown.level}
      data-phase={phase}
      data-revision={revision ?? ''}
      data-prompt={prompt}
      data-link-lost={String(linkLost)}
      data-rating-draft={draft}
    >
      {shown.sceneId} {shown.level} {phase}
    </output>
  );
}
