import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureIndexes } from './models.js';
import { useTestDatabase } from './platform/testing/database.js';

const db = useTestDatabase();
const domainDir = path.dirname(new URL(import.meta.url).pathname);

describe('models', () => {
  it('lists every model file of the domain', () => {
    const registry = readFileSync(path.join(domainDir, 'models.ts'), 'utf8');
    const modelFiles = readdirSync(domainDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.model.ts'),
    );
    expect(modelFiles.length).toBeGreaterThan(10);
    for (const file of modelFiles) expect(registry, file).toContain(`./${file.replace(/\.ts$/, '.js')}`);
  });

  it('creates the unique indexes up front', async () => {
    await ensureIndexes(db.connection);
    const indexes = await db.connection.collection('messages').indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: { waId: 1 }, unique: true })]),
    );
  });
});
