/**
 * Whether a `search` field's selection shows any hit's highlights. Building them is most of a search's
 * garbage per hit, and most searches (a suggestion list) show none. Anything this walk does not recognise
 * counts as asking for them: a wrong guess costs speed, never a value.
 */
import { perSelection, selectedFields, type SelectionInfo } from '../../graphql/selected-fields.js';

export const highlightsAskedFor = perSelection(asksForHighlights);

function asksForHighlights(info: SelectionInfo): boolean {
  for (const node of info.fieldNodes) {
    const resultFields = selectedFields(node.selectionSet, info.fragments);
    if (resultFields === null) return true;
    for (const field of resultFields) {
      if (field.name.value !== 'hits') continue;
      const hitFields = selectedFields(field.selectionSet, info.fragments);
      if (hitFields === null || hitFields.some((hit) => hit.name.value === 'highlights')) return true;
    }
  }
  return false;
}
