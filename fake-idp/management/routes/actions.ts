// /api/v2/actions/actions (+ deploy) and /api/v2/actions/triggers/post-login/bindings.
import { Router } from 'express';
import { notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import type { Action } from '../../tenant/types.ts';
import { auditWrite, parseBody, parseQuery } from '../context.ts';
import { actionBody, bindingBody, versionBody } from '../serialize.ts';
import { createActionBody, updateActionBody, updateBindingsBody } from '../schemas.ts';

const TRIGGER = 'post-login';

export function actionsRoutes(tenant: Tenant): Router {
  const router = Router();

  const requireAction = (id: string): Action => {
    const action = tenant.getAction(id);
    if (!action) throw notFound('not_found', `Action ${id} not found.`, 'List actions to find the id');
    return action;
  };
  const requireTrigger = (triggerId: string): void => {
    if (triggerId !== TRIGGER) throw notFound('not_found', `Trigger ${triggerId} not found.`, `The emulator supports the ${TRIGGER} trigger only`);
  };

  router.get('/actions/actions', (req, res) => {
    const query = parseQuery(req);
    const filter = {
      ...(query.actionName !== undefined ? { actionName: query.actionName } : {}),
      ...(query.deployed !== undefined ? { deployed: query.deployed } : {}),
    };
    const list = tenant.listActions(filter);
    const page = query.page ?? 0;
    const perPage = query.per_page ?? 50;
    res.json({ total: list.length, page, per_page: perPage, actions: list.slice(page * perPage, (page + 1) * perPage).map(actionBody) });
  });

  router.post('/actions/actions', (req, res) => {
    const action = tenant.createAction(parseBody(createActionBody, req.body));
    auditWrite(tenant, req, res, 'Create an action', 201);
    res.status(201).json(actionBody(action));
  });

  router.get('/actions/actions/:id', (req, res) => {
    res.json(actionBody(requireAction(req.params.id)));
  });

  router.patch('/actions/actions/:id', (req, res) => {
    const action = tenant.updateAction(req.params.id, parseBody(updateActionBody, req.body));
    auditWrite(tenant, req, res, 'Update an action', 200);
    res.json(actionBody(action));
  });

  router.delete('/actions/actions/:id', (req, res) => {
    const { force } = parseQuery(req);
    if (!tenant.deleteAction(req.params.id, { force: force ?? false })) requireAction(req.params.id);
    auditWrite(tenant, req, res, 'Delete an action', 204);
    res.status(204).end();
  });

  router.post('/actions/actions/:id/deploy', (req, res) => {
    const version = tenant.deployAction(req.params.id);
    auditWrite(tenant, req, res, 'Deploy an action', 202);
    res.status(202).json(versionBody(requireAction(req.params.id), version));
  });

  router.get('/actions/triggers/:triggerId/bindings', (req, res) => {
    requireTrigger(req.params.triggerId);
    const query = parseQuery(req);
    const all = tenant.getBindings(TRIGGER);
    const page = query.page ?? 0;
    const perPage = query.per_page ?? 50;
    const bindings = all.slice(page * perPage, (page + 1) * perPage).map((b) => bindingBody(b, tenant.getAction(b.action.id)));
    res.json({ total: all.length, page, per_page: perPage, bindings });
  });

  router.patch('/actions/triggers/:triggerId/bindings', (req, res) => {
    requireTrigger(req.params.triggerId);
    const { bindings } = parseBody(updateBindingsBody, req.body);
    const updated = tenant.setBindings(
      TRIGGER,
      bindings.map(({ ref, display_name }) => ({ ref, ...(display_name !== undefined ? { display_name } : {}) })),
    );
    auditWrite(tenant, req, res, 'Update trigger bindings', 200);
    res.json({ bindings: updated.map((b) => bindingBody(b, tenant.getAction(b.action.id))) });
  });

  return router;
}
