/** Presentational panels: props in, callbacks out; no store, no worker, no tensors. */
export { ExperimentForm, type ExperimentFormProps } from './ExperimentForm';
export { RunsEditor, RUN_PRESETS, type RunsEditorProps, type RunPreset } from './RunsEditor';
export { Transport, SPEEDS, type TransportProps } from './Transport';
export { DataPreview, type DataPreviewProps } from './DataPreview';
export { BoundaryPlot, type BoundaryPlotProps } from './BoundaryPlot';
export { CurvePlot, type CurvePlotProps } from './CurvePlot';
export { StatusBar, backendLabel, divergenceMessage, type StatusBarProps } from './StatusBar';
export type { DataPoints, PlotWindow } from './plot';
export type { RunInput } from './defaults';
export { splitProblem } from './problems';
