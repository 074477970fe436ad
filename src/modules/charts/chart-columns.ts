/**
 * Which bar values a chart field's selection needs. A line chart (`points { time close }`, maybe with the
 * chart's `close`) needs two of a bar's six values, and reading values out of SQLite is most of what a cold
 * chart costs, so such a selection reads only those (`'close'`). Anything else, or anything this walk does
 * not recognise, reads all of them: a wrong guess costs speed, never a value.
 */
import { onlyFields, perSelection, selectedFields, type SelectionInfo } from '../../graphql/selected-fields.js';
import type { BarColumns } from './charts.store.js';

/** Chart fields answerable from each bar's time and close alone. */
const CLOSE_ONLY_CHART_FIELDS = new Set(['__typename', 'symbol', 'range', 'interval', 'close', 'points']);
const CLOSE_ONLY_POINT_FIELDS = new Set(['__typename', 'time', 'close']);

/** The columns the chart (or charts) field being resolved needs. */
export const chartColumnsOf = perSelection(columnsOf);

function columnsOf(info: SelectionInfo): BarColumns {
  for (const node of info.fieldNodes) {
    const chartFields = selectedFields(node.selectionSet, info.fragments);
    if (!onlyFields(chartFields, CLOSE_ONLY_CHART_FIELDS)) return 'ohlcv';
    for (const field of chartFields) {
      if (field.name.value === 'points' && !onlyFields(selectedFields(field.selectionSet, info.fragments), CLOSE_ONLY_POINT_FIELDS)) return 'ohlcv';
    }
  }
  return 'close';
}
