// Recognising the official forms in a sheet the clerk already has. Host-free (no Office.js),
// zod-free and ES5-safe: the IE11 task pane runs it on `range.values`.
export { recognizeForm, recognizeSheet, regimeLabel, unitConverted, CONFIDENCE_FLOOR } from "./recognize";
export type {
  CellPosition, ColumnMapping, ColumnReport, ColumnStatus, DataRow, FormRecognition, MatchSource, MoneyScale, MoneyUnit, NotRecognised,
  RecognitionResult, RecognizeOptions, RowKind, TableRef, UnmappedLabel,
} from "./recognize";
export { readRow, toFormValues, fieldCells, withColumnChoices } from "./read-row";
export type { RowReading } from "./read-row";
export { readCellNumber } from "./numbers";
export type { CellNumber } from "./numbers";
export { normalizeText, foldDiacritics } from "./normalize";
export { SCALE_NAMES } from "./units";
export type { Reason, ReasonCode } from "./messages";
