import { type OpenAIErrorBody, openAIErrorBody } from './openai-error.js';

/**
 * The error body OpenAI sends with `status`, for faults that inject a bare status: a client
 * that reads the body finds what it would find in production.
 */
export function openAIErrorForStatus(status: number): OpenAIErrorBody {
  switch (status) {
    case 400:
      return openAIErrorBody('Invalid request.');
    case 401:
      // The real message echoes the masked key; leaving it out keeps any part of a secret off the wire.
      return openAIErrorBody(
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        { code: 'invalid_api_key' },
      );
    case 403:
      return openAIErrorBody('Country, region, or territory not supported', {
        type: 'request_forbidden',
        code: 'unsupported_country_region_territory',
      });
    case 404:
      return openAIErrorBody('The model does not exist or you do not have access to it.', {
        code: 'model_not_found',
      });
    case 429:
      return openAIErrorBody(
        'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
        { type: 'requests', code: 'rate_limit_exceeded' },
      );
    case 503:
      return openAIErrorBody('The engine is currently overloaded, please try again later.', {
        type: 'server_error',
      });
    default:
      return status >= 500
        ? openAIErrorBody('The server had an error while processing your request. Sorry about that!', {
            type: 'server_error',
          })
        : openAIErrorBody(`The request failed with status ${status}.`);
  }
}
