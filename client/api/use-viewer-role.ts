// Who this browser is signed in as, asked once per page (GET /api/v1/whoami with the stored
// credential): views show what a role may do, the server still decides every request.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Role } from '../../shared/contract/views.ts';
import { readToken } from './credentials.ts';
import { fetchWhoAmI } from './http.ts';

/** `null` while asking; a visitor without a (valid) viewer credential is `demo`. */
const useRoleStore = create<{ role: Role | null }>()(() => ({ role: null }));
let asked: Promise<void> | null = null;

function ask(): Promise<void> {
  asked ??= (async () => {
    const token = readToken();
    if (token === null) return useRoleStore.setState({ role: 'demo' });
    try {
      const who = await fetchWhoAmI(token);
      useRoleStore.setState({ role: 'role' in who ? who.role : 'demo' });
    } catch {
      // A refused or unreachable check shows the least: the controls stay hidden.
      useRoleStore.setState({ role: 'demo' });
    }
  })();
  return asked;
}

export function useViewerRole(): Role | null {
  useEffect(() => {
    void ask();
  }, []);
  return useRoleStore((s) => s.role);
}
