import { create } from 'zustand';
import type { AccountView, LoginResponse } from '../../contract';

const KEY = 'cueroom.console.auth';

interface AuthState {
  token: string | null;
  account: AccountView | null;
  signedIn(r: LoginResponse): void;
  signOut(): void;
}

function saved(): Pick<AuthState, 'token' | 'account'> {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as LoginResponse | null;
    if (s && s.expiresAt > Date.now()) return { token: s.token, account: s.account };
  } catch {
    // A corrupt entry means signing in again.
  }
  return { token: null, account: null };
}

/** The clinician's sign-in, kept for this browser tab only. */
export const useAuth = create<AuthState>((set) => ({
  ...saved(),
  signedIn(r) {
    sessionStorage.setItem(KEY, JSON.stringify(r));
    set({ token: r.token, account: r.account });
  },
  signOut() {
    sessionStorage.removeItem(KEY);
    set({ token: null, account: null });
  },
}));
