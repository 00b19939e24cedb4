export { buildRequest, type BuildOptions } from './build.ts';
export { MissingCredentialsError, UnsupportedAuthError } from './context.ts';
export { acsV1Params, parseFormBody, parseQueryString, splitTarget, toIncoming, type ParseResult } from './parse.ts';
export { alibabaParams, queryString, restParams } from './serialize.ts';
export { tamperSignature, wrongSecret } from './tamper.ts';
