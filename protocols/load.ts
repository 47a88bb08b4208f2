import { readFileSync } from 'node:fs';
import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { findScene } from '../scenes/manifests';
import { HIERARCHY, Protocol } from './schema';
import { safetyProblems } from './safetyCheck';

// Reads a protocol file and reports every problem as `file:line:column: what was expected`.

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type LoadResult = { ok: true; protocol: Protocol; problems: [] } | { ok: false; problems: Problem[] };

export const formatProblem = (p: Problem) => `${p.file}:${p.line}:${p.column}: ${p.message}`;

export function loadProtocolFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `cannot read the file (${(err as Error).message})` }] };
  }
  return parseProtocol(text, file);
}

export function parseProtocol(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number, message: string): Problem => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col, message };
  };
  if (doc.errors.length) return { ok: false, problems: doc.errors.map((e) => at(e.pos[0], `invalid YAML: ${e.message.split('\n')[0]}`)) };

  const parsed = Protocol.safeParse(doc.toJS());
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => at(offsetOf(doc, i), describe(i))) };

  const protocol = parsed.data;
  const problems = [...referenceProblems(protocol), ...safetyProblems(protocol)].map((p) => at(offsetOf(doc, { path: p.path }), p.message));
  return problems.length ? { ok: false, problems } : { ok: true, protocol, problems: [] };
}

/** The source offset of the node at `path`, or of its nearest existing parent (for a missing key). */
function offsetOf(doc: Document, issue: { path: PropertyKey[] }): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of issue.path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isNode(p.key) && (p.key as unknown as { value: unknown }).value === key);
      if (!pair) break;
      node = pair.value;
      offset = (isNode(pair.value) ? pair.value.range?.[0] : undefined) ?? (pair.key as Node).range?.[0] ?? offset;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (!isNode(item)) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

function describe(i: z.core.$ZodIssue): string {
  const where = i.path.length ? `${i.path.join('.')}: ` : '';
  if (i.code === 'unrecognized_keys') return `${where}unexpected key(s) ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  if (i.code === 'invalid_type' && i.message.includes('received undefined')) return `${where}missing; ${i.message.replace(/^Invalid input: /, '')}`;
  if (i.code === 'invalid_union' && 'discriminator' in i) return `${where}expected one of the known types`;
  return `${where}${i.message.replace(/^Invalid input: /, '')}`;
}

export interface PathProblem {
  path: (string | number)[];
  message: string;
}

/** Scenes, levels and the counterbalancing contexts must exist in the scene library. */
function referenceProblems(p: Protocol): PathProblem[] {
  const out: PathProblem[] = [];
  // `hierarchy` scenes are the patient's, resolved when a session starts (see hierarchy.ts).
  const sceneIds = (id: string) => (id === 'context' ? (p.contexts?.scenes ?? []) : id === HIERARCHY ? [] : [id]);
  if (p.contexts) {
    p.contexts.scenes.forEach((id, i) => {
      if (!findScene(id)) out.push({ path: ['contexts', 'scenes', i], message: `unknown scene "${id}" (not in the scene library yet)` });
    });
  }
  p.steps.forEach((step, i) => {
    if (step.scene === 'context' && !p.contexts) out.push({ path: ['steps', i, 'scene'], message: 'expected a "contexts" section for scene: context' });
    if (step.scene === HIERARCHY && step.type !== 'exposure') out.push({ path: ['steps', i, 'scene'], message: 'scene: hierarchy is for exposure steps only' });
    for (const id of sceneIds(step.scene)) {
      const scene = findScene(id);
      if (!scene) {
        if (step.scene !== 'context') out.push({ path: ['steps', i, 'scene'], message: `unknown scene "${id}" (not in the scene library yet)` });
        continue;
      }
      const level = ('level' in step ? step.level : undefined) ?? 0;
      if (!scene.levels[level]) out.push({ path: ['steps', i, 'level'], message: `scene "${id}" has no level ${level} (it has 0–${scene.levels.length - 1})` });
      if (step.type === 'baseline' && scene.role !== 'neutral') out.push({ path: ['steps', i, 'scene'], message: `expected a neutral scene for the baseline, "${id}" is ${scene.role}` });
      if (step.type === 'washout' && scene.role === 'cue') out.push({ path: ['steps', i, 'scene'], message: `expected a relaxation or neutral scene for the wash-out, "${id}" is a cue scene` });
    }
  });
  if (!p.steps.some((s) => s.type === 'washout')) out.push({ path: ['steps'], message: 'expected a washout step: a patient must not leave with high craving' });
  const ids = new Set<string>();
  p.preSessionCheck.forEach((c, i) => {
    if (ids.has(c.id)) out.push({ path: ['preSessionCheck', i, 'id'], message: `duplicate check item id "${c.id}"` });
    ids.add(c.id);
  });
  p.instruments.forEach((ins, i) => {
    if (ins.itemMax <= ins.itemMin) out.push({ path: ['instruments', i, 'itemMax'], message: 'expected itemMax greater than itemMin' });
  });
  return out;
}
