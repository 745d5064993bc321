export function storeManifest(manifest: Record<string, unknown>, exists: (file: string) => boolean): Record<string, unknown>;
