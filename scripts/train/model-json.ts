/**
 * @module
 * attribution-model.json as written by `npm run train:attribution`: one line per key, and each array of
 * numbers (a feature's weights into the hidden units) on one line, so that the file stays small and a
 * retrained model's diff reads by feature. Pure.
 */
import type { AttributionModel } from '../extract/ranker'

/** The model as JSON text: JSON.parse gives it back unchanged. */
export function formatModel(model: AttributionModel): string {
  const text = JSON.stringify(model, null, 1)
  // Arrays of plain numbers onto one line: "[\n  0.1,\n  -0.2\n ]" → "[0.1, -0.2]".
  return `${text.replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, numbers: string) => `[${numbers.split(/,\s+/).join(', ')}]`)}\n`
}
