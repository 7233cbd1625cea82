// Recognising an official form in a sheet the clerk already has. Host-free (no Office.js),
// zod-free and ES5-safe: the IE11 task pane runs it on `range.values`.
export { recognizeForm, toFormValues, fieldCells, regimeLabel } from "./recognize";
export type {
  CellPosition, ColumnMapping, DataRow, FormRecognition, MatchSource, NotRecognised, RecognitionResult, RecognizeOptions, UnmappedLabel,
} from "./recognize";
export { normalizeText, foldDiacritics } from "./normalize";
export type { Reason, ReasonCode } from "./messages";
