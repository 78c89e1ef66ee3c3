/**
 * The config block of the bundled 8×8 handwritten digits (`data.kind: 'digits'`; the engine's
 * `engine/data/digits.ts` holds the images). 1,797 images, 64 pixel inputs, 10 classes.
 */
import { z } from './zod';

/** Number of images in the bundled set. */
export const DIGITS_IMAGES = 1797;
/** Inputs per image (8 × 8 pixels). */
export const DIGITS_INPUTS = 64;
/** Number of classes (the digits 0…9). */
export const DIGITS_CLASS_COUNT = 10;

const pointsError = `must be a whole number from 20 to ${DIGITS_IMAGES}`;
const fractionError = 'must be from 0 to 0.9';

export const DigitsDataSchema = z.strictObject({
  kind: z.literal('digits'),
  /** How many of the images to use (a seeded random subset when fewer than all), before the split. */
  points: z
    .number({ error: pointsError })
    .int({ error: pointsError })
    .min(20, { error: pointsError })
    .max(DIGITS_IMAGES, { error: pointsError })
    .default(DIGITS_IMAGES),
  testFraction: z
    .number({ error: fractionError })
    .min(0, { error: fractionError })
    .max(0.9, { error: fractionError })
    .default(0.2),
});
export type DigitsDataConfig = z.output<typeof DigitsDataSchema>;
