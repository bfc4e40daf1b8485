import type { ApiError, ApiErrorKind } from './apiError.js';
import type { ReferenceApi } from './models.js';

const openaiType: Record<ApiErrorKind, [type: string, code: string | null]> = {
  'invalid-request': ['invalid_request_error', null],
  'unsupported-parameter': ['invalid_request_error', 'unsupported_parameter'],
  authentication: ['invalid_request_error', 'invalid_api_key'],
  'not-found': ['invalid_request_error', 'model_not_found'],
  'too-large': ['invalid_request_error', 'request_too_large'],
  'rate-limit': ['requests', 'rate_limit_exceeded'],
  unavailable: ['server_error', null],
};

const anthropicType: Record<ApiErrorKind, string> = {
  'invalid-request': 'invalid_request_error',
  'unsupported-parameter': 'invalid_request_error',
  authentication: 'authentication_error',
  'not-found': 'not_found_error',
  'too-large': 'request_too_large',
  'rate-limit': 'rate_limit_error',
  unavailable: 'overloaded_error',
};

const geminiStatus: Record<ApiErrorKind, string> = {
  'invalid-request': 'INVALID_ARGUMENT',
  'unsupported-parameter': 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  'not-found': 'NOT_FOUND',
  'too-large': 'INVALID_ARGUMENT',
  'rate-limit': 'RESOURCE_EXHAUSTED',
  unavailable: 'UNAVAILABLE',
};

/** Renders an error in the wire shape of `api`: OpenAI `{error:{message,type,param,code}}`, Anthropic `{type:'error',error:{type,message}}`, Gemini `{error:{code,message,status}}`. */
export function errorBody(api: ReferenceApi, e: ApiError): Record<string, unknown> {
  switch (api) {
    case 'openai-chat': {
      const [type, code] = openaiType[e.kind];
      return { error: { message: e.message, type, param: e.param ?? null, code } };
    }
    case 'anthropic-messages':
      return { type: 'error', error: { type: anthropicType[e.kind], message: e.message } };
    case 'gemini':
      return { error: { code: e.status, message: e.message, status: geminiStatus[e.kind] } };
  }
}
