// The download behind a users-export job's `location`: no bearer token (Auth0 hands out a pre-signed
// storage URL), the job's own token instead; the gzipped file as application/gzip.
import { Router } from 'express';
import type { Tenant } from '../../tenant/tenant.ts';
import { jobStore, tokenMatches } from './jobs-store.ts';

export function jobFilesRouter(tenant: Tenant): Router {
  const router = Router();
  router.get('/:id/:file', (req, res) => {
    const job = jobStore(tenant).get(req.params.id);
    if (!job?.file || !tokenMatches(job, req.query.token)) {
      res.status(403).type('text/plain').send('Access denied: unknown job, job not completed, or bad token.');
      return;
    }
    res
      .status(200)
      .type('application/gzip')
      .setHeader('content-disposition', `attachment; filename="${req.params.file.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    res.send(job.file);
  });
  return router;
}
