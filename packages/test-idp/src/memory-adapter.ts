import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** The models whose artefacts belong to a grant and go when the grant is revoked. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * oidc-provider's storage, in memory and per IdP instance (the library's own quick-start adapter is
 * one store for the whole process, and warns on every start). Entries expire with their artefacts.
 */
export function memoryAdapterFactory(): AdapterFactory {
  const storage = new Map<string, Entry>();
  const get = (key: string): unknown => {
    const entry = storage.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      storage.delete(key);
      return undefined;
    }
    return entry.value;
  };
  const set = (key: string, value: unknown, expiresInSeconds: number): void => {
    storage.set(key, { value, expiresAt: Date.now() + expiresInSeconds * 1000 });
  };

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
        if (model === 'Session' && payload.uid) set(`sessionUid:${payload.uid}`, id, expiresIn);
        if (payload.userCode) set(`userCode:${payload.userCode}`, id, expiresIn);
        if (GRANTABLE.has(model) && payload.grantId) {
          const grantKey = `grant:${payload.grantId}`;
          const keys = (get(grantKey) as string[] | undefined) ?? [];
          keys.push(key(id));
          set(grantKey, keys, expiresIn);
        }
        set(key(id), payload, expiresIn);
      },
      async find(id: string) {
        return get(key(id)) as AdapterPayload | undefined;
      },
      async findByUid(uid: string) {
        const id = get(`sessionUid:${uid}`) as string | undefined;
        return id === undefined ? undefined : (get(key(id)) as AdapterPayload | undefined);
      },
      async findByUserCode(userCode: string) {
        const id = get(`userCode:${userCode}`) as string | undefined;
        return id === undefined ? undefined : (get(key(id)) as AdapterPayload | undefined);
      },
      async consume(id: string) {
        const payload = get(key(id)) as AdapterPayload | undefined;
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id: string) {
        storage.delete(key(id));
      },
      async revokeByGrantId(grantId: string) {
        const grantKey = `grant:${grantId}`;
        for (const k of (get(grantKey) as string[] | undefined) ?? []) storage.delete(k);
        storage.delete(grantKey);
      },
    };
  };
}
