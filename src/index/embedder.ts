import { existsSync } from 'node:fs';
import path from 'node:path';

/** Turns text into unit-length vectors; the dense leg's only dependency on a model. */
export interface Embedder {
  /** Model id or folder, as configured: part of the index manifest. */
  readonly model: string;
  readonly dims: number;
  embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]>;
}

export interface EmbedderOptions {
  /** Where downloaded models are cached (hub ids only). */
  cacheDir: string;
  /** Texts per forward pass; larger batches are faster but pad more. */
  batchSize?: number;
}

/** The default: small, multilingual (Chinese and English), quantised to ~120 MB. */
export const DEFAULT_EMBEDDING_MODEL = 'Xenova/multilingual-e5-small';

/**
 * Loads a transformers.js feature-extraction pipeline with mean pooling and
 * normalisation. `model` is a hub id (downloaded once into `cacheDir`) or a
 * local folder. Throws with the library's reason when it cannot load, which
 * the caller turns into "dense leg off".
 */
export async function loadEmbedder(model: string, options: EmbedderOptions): Promise<Embedder> {
  const { pipeline, env } = await import('@huggingface/transformers');
  const local = isLocalFolder(model);
  // transformers.js treats "owner/name" as a hub id and anything else as a path;
  // an absolute path keeps a relative folder from being mistaken for a hub id.
  const source = local ? path.resolve(model) : model;
  env.allowLocalModels = true;
  env.allowRemoteModels = !local;
  env.cacheDir = options.cacheDir;
  const quantised = !local || existsSync(path.join(source, 'onnx', 'model_quantized.onnx'));
  const extractor = await pipeline('feature-extraction', source, { dtype: quantised ? 'q8' : 'fp32' });

  // E5 models were trained with these prefixes and lose accuracy without them.
  const prefixes = /e5/i.test(model) ? { query: 'query: ', passage: 'passage: ' } : { query: '', passage: '' };
  const batchSize = options.batchSize ?? 16;

  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const [rows, dims] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => data.slice(i * dims, (i + 1) * dims));
  };
  const [probe] = await run(['dimension probe']);
  return {
    model,
    dims: probe!.length,
    async embed(texts, kind) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        out.push(...(await run(texts.slice(i, i + batchSize).map((t) => prefixes[kind] + t))));
      }
      return out;
    },
  };
}

function isLocalFolder(model: string): boolean {
  return model.startsWith('.') || model.startsWith('/') || path.isAbsolute(model) || existsSync(model);
}
