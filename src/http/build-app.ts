// The Fastify app, built without listening so tests can drive it with inject().
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from '../logging/logger.js';
import { errorBody, handleError } from './http-error.js';
import { callRoutes, type CallRoutesDeps } from './routes/call-routes.js';
import { healthRoutes, type HealthProbe } from './routes/health-routes.js';
import { agentRoutes } from './routes/agent-routes.js';
import { categoryRoutes } from './routes/category-routes.js';
import { queueRoutes } from './routes/queue-routes.js';
import type { AcdService } from '../app/acd-service.js';
import type { Taxonomy } from '../domain/tickets/categories.js';

export interface AppDeps extends CallRoutesDeps {
  readonly logger: Logger;
  readonly health: HealthProbe;
  readonly acd: AcdService;
  readonly taxonomy: Taxonomy;
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    // Typed as Fastify's base logger so routes take the plain FastifyInstance.
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Requests are not logged one by one; errors are, by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Unknown query keys are errors rather than silently ignored.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    // Malformed or oversized URLs get the same error shape as every other refusal.
    frameworkErrors: (error, _request, reply) => {
      const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'REQUEST_URL_TOO_LONG' : 'REQUEST_URL_INVALID';
      void (reply as FastifyReply).status(error.statusCode ?? 400).send(errorBody(code, error.message));
    },
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(errorBody('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
  healthRoutes(app, deps.health);
  callRoutes(app, deps);
  queueRoutes(app, deps.acd);
  agentRoutes(app, deps.acd);
  categoryRoutes(app, deps.taxonomy);
  return app;
}
