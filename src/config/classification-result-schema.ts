/**
 * The result file's `classification` block (`ClassificationResult`, classification-result.ts)
 * as JSON gives it, with its lengths checked: C² confusion counts summing to the split's
 * examples, one predicted class per misclassified index, each within range.
 */
import { z } from './zod';

const count = z.number().int().min(0);

const SplitFileSchema = z.object({
  examples: count,
  accuracy: z.number().min(0).max(1),
  confusion: z.array(count),
  misclassified: z.array(count),
  predicted: z.array(count),
});

export const ClassificationFileSchema = z
  .object({
    classes: z.number().int().min(2).max(256),
    runs: z.array(
      z.object({
        name: z.string(),
        step: count,
        train: SplitFileSchema,
        test: SplitFileSchema.nullable(),
      }),
    ),
  })
  .superRefine((block, ctx) => {
    const c = block.classes;
    block.runs.forEach((run, k) => {
      for (const split of ['train', 'test'] as const) {
        const s = run[split];
        if (!s) continue;
        const fail = (field: string, message: string) =>
          ctx.addIssue({ code: 'custom', path: ['runs', k, split, field], message, input: s });
        if (s.confusion.length !== c * c)
          fail('confusion', `must have classes² = ${c * c} counts, has ${s.confusion.length}`);
        const total = s.confusion.reduce((x, y) => x + y, 0);
        if (total !== s.examples)
          fail('confusion', `counts sum to ${total}, expected examples = ${s.examples}`);
        if (s.predicted.length !== s.misclassified.length)
          fail(
            'predicted',
            `must have one class per misclassified example (${s.misclassified.length}), has ${s.predicted.length}`,
          );
        if (s.misclassified.some((i) => i >= s.examples))
          fail('misclassified', `indices must be below examples = ${s.examples}`);
        if (s.predicted.some((p) => p >= c)) fail('predicted', `classes must be below ${c}`);
      }
    });
  });

export type ClassificationFile = z.output<typeof ClassificationFileSchema>;
