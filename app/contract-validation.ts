// Requests arrive from a renderer or an HTTP client: check their shape before the core sees them,
// with the schemas of app/contract-schemas.ts.
import * as v from 'valibot';
import type { CommandName, CommandRequest } from './contract';
import {
  addSourceRequestSchema,
  cancelSourceRequestSchema,
  cancelTraceImportSchema,
  deleteMatchingTracesRequestSchema,
  describeIssue,
  emptyRequestSchema,
  exportTraceRequestSchema,
  findSpansRequestSchema,
  getTraceOutlineRequestSchema,
  getSpanRequestSchema,
  importTraceFileRequestSchema,
  importTraceTextRequestSchema,
  latencyRequestSchema,
  listTracesRequestSchema,
  lookupTraceRequestSchema,
  openTraceFilesRequestSchema,
  orderOptionsSchema,
  remoteTraceRequestSchema,
  searchSourceRequestSchema,
  sendStoredTracesRequestSchema,
  setTracePinnedRequestSchema,
  sourceIdRequestSchema,
  sourceOperationsRequestSchema,
  sourceServicesRequestSchema,
  traceIdRequestSchema,
  updateSettingsRequestSchema,
  updateSourceRequestSchema,
} from './contract-schemas';

export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
}

const requestSchemas: { readonly [C in CommandName]: v.GenericSchema<unknown, CommandRequest<C>> } =
  {
    placeOrder: orderOptionsSchema,
    listTraces: listTracesRequestSchema,
    getTrace: traceIdRequestSchema,
    getTraceOutline: getTraceOutlineRequestSchema,
    getSpan: getSpanRequestSchema,
    findSpans: findSpansRequestSchema,
    getBacklinks: getSpanRequestSchema,
    getTraceBacklinks: traceIdRequestSchema,
    explainSpan: getSpanRequestSchema,
    getTraceEventAttributes: traceIdRequestSchema,
    importTraceText: importTraceTextRequestSchema,
    importTraceFile: importTraceFileRequestSchema,
    openTraceFiles: openTraceFilesRequestSchema,
    exportTrace: exportTraceRequestSchema,
    saveTraceToFile: traceIdRequestSchema,
    getSettings: emptyRequestSchema,
    updateSettings: updateSettingsRequestSchema,
    getMirrorStatus: emptyRequestSchema,
    getReceiverStatus: emptyRequestSchema,
    sendStoredTraces: sendStoredTracesRequestSchema,
    getLatencyByOperation: latencyRequestSchema,
    lookupTrace: lookupTraceRequestSchema,
    getDataNotices: emptyRequestSchema,
    listSources: emptyRequestSchema,
    addSource: addSourceRequestSchema,
    updateSource: updateSourceRequestSchema,
    removeSource: sourceIdRequestSchema,
    getSourceServices: sourceServicesRequestSchema,
    getSourceOperations: sourceOperationsRequestSchema,
    searchSource: searchSourceRequestSchema,
    openRemoteTrace: remoteTraceRequestSchema,
    keepRemoteTrace: remoteTraceRequestSchema,
    cancelSourceRequest: cancelSourceRequestSchema,
    cancelTraceImport: cancelTraceImportSchema,
    setTracePinned: setTracePinnedRequestSchema,
    deleteTrace: traceIdRequestSchema,
    deleteMatchingTraces: deleteMatchingTracesRequestSchema,
    clearTraces: emptyRequestSchema,
    getStorageStats: emptyRequestSchema,
  };

/** Returns the request as the command expects it, or throws InvalidRequestError saying what is wrong. */
export function validateRequest<C extends CommandName>(
  command: C,
  input: unknown,
): CommandRequest<C> {
  const body = input ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError(`the request for ${command} must be a JSON object`);
  }
  const result = v.safeParse(requestSchemas[command], body, { abortEarly: true });
  if (!result.success) throw new InvalidRequestError(describeIssue(result.issues[0]));
  return result.output;
}
