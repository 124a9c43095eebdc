// wz forms: urlencoded and multipart parsing with Werkzeug's rules and limits, uploaded files,
// and the multipart encoder used by the test client.
export { parseFormData, type ParseFormDataOptions, type ParsedFormData } from "./parse-form-data.js";
export { parseUrlencoded, urlencodedPairs } from "./urlencoded.js";
export {
  MultipartDecoder,
  MalformedFormData,
  MAX_PART_HEADER_LINE,
  MAX_PART_HEADER_BLOCK,
  type MultipartEvent,
  type MultipartDecoderOptions,
} from "./multipart-decoder.js";
export { encodeMultipart, type MultipartFile, type EncodedMultipart } from "./multipart-encoder.js";
export { FileStorage, type FileStorageInit } from "./file-storage.js";
export { secureFilename } from "./secure-filename.js";
export { openTempFileCount, type SpooledFile, type SpoolBudget } from "./spooled-file.js";
export type { FormBody } from "./read-body.js";
export {
  DEFAULT_MAX_FORM_MEMORY_SIZE,
  DEFAULT_MAX_FORM_PARTS,
  DEFAULT_SPOOL_THRESHOLD,
  type FormLimits,
  type StreamFactory,
  type FileStreamInfo,
} from "./limits.js";
