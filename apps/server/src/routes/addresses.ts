import { Router } from 'express';
import { z } from 'zod';
import { AddressBody } from '../views/address-body.js';
import { sendBuilt } from '../views/built-json.js';
import type { Collector } from '../collector/collector.js';
import { parseOr400 } from '../http/http-error.js';

const NoQuery = z.object({}).strict();

/**
 * GET /addresses: every gateway's mapped addresses (AddressIndex), for the fleet's address search. Separate
 * from GET /gateways so that the fleet list a page polls stays small; the page asks for this only when its
 * filter names an address. ETag and gzip as for the fleet list.
 */
export function addressRoutes(deps: { collector: Collector }): Router {
  const router = Router();
  const body = new AddressBody(deps.collector);
  router.get('/addresses', (req, res) => {
    parseOr400(NoQuery, req.query, 'query parameter');
    sendBuilt(req, res, body.get());
  });
  return router;
}
