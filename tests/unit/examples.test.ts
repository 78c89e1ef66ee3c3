/** The files in examples/ stay valid: each parses as a document (or an experiment-only file). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasDocumentSection, parseAppConfig } from '../../src/config/app';
import { parseConfig } from '../../src/config/parse';

const dir = path.resolve('examples');

describe('examples', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(`${file} is valid`, () => {
      const input: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      if (hasDocumentSection(input)) {
        const doc = parseAppConfig(input);
        expect(doc.experiment.runs.length).toBeGreaterThan(0);
      } else {
        expect(parseConfig(input).runs.length).toBeGreaterThan(0);
      }
    });
  }
  it('includes a whole document', () => {
    const doc = parseAppConfig(
      JSON.parse(readFileSync(path.join(dir, 'app-document.json'), 'utf8')),
    );
    expect(doc.view).toMatchObject({ directions: 'pca', n: 31, metric: 'trainLoss' });
  });
});
