import type { ErrorBody } from '../../contract';
import { useAuth } from './authStore';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.issues?.length ? `${body.message}: ${body.issues.map((i) => `${i.path} — ${i.message}`).join('; ')}` : body.message);
  }
}

/** JSON over HTTP with the clinician's bearer token; errors arrive as the server's clear messages. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const token = useAuth.getState().token;
  const res = await fetch(`/api${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 401 && token) useAuth.getState().signOut();
  if (!res.ok) {
    const body = (await res.json().catch(() => ({ error: { code: 'internal', message: res.statusText } }))) as { error: ErrorBody };
    throw new ApiError(res.status, body.error);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Fetches a file with the sign-in's token (a plain link cannot carry it) and hands it to the browser as a download. */
export async function download(path: string): Promise<void> {
  const token = useAuth.getState().token;
  const res = await fetch(`/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (res.status === 401 && token) useAuth.getState().signOut();
  if (!res.ok) {
    const body = (await res.json().catch(() => ({ error: { code: 'internal', message: res.statusText } }))) as { error: ErrorBody };
    throw new ApiError(res.status, body.error);
  }
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'cueroom-export';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
