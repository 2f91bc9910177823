/**
 * Where rendered formula cards are kept between answers, by content hash. Any
 * byte store will do: the bot passes a folder in DATA_DIR, tests a Map.
 */
export interface FormulaCache {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

/** A cache that lives as long as the process (tests, or running without a data folder). */
export function memoryFormulaCache(): FormulaCache {
  const entries = new Map<string, Uint8Array>();
  return {
    get: async (key) => entries.get(key),
    put: async (key, bytes) => {
      entries.set(key, bytes);
    },
  };
}
