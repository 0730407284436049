// POST /api/v2/jobs/users-exports and GET /api/v2/jobs/{id} (docs-v2 "Bulk User Exports" and the
// Management API reference "Create export users job" / "Get a job"): the job answers `pending`,
// then `processing`, then `completed` with `location`, the link to a gzipped file of the tenant's
// users (./jobs-files.ts serves it outside /api/v2: on Auth0 it is a pre-signed storage URL that
// needs no token). Everything is read-only on the users.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { DATABASE_CONNECTION } from '../../actions/event.ts';
import { notFound } from '../../tenant/errors.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import { parseBody } from '../context.ts';
import { addJob, buildExportFile, jobStore, newJobId, newToken, type ExportJob } from './jobs-store.ts';

export const USERS_EXPORT_FILES_PATH = '/__emulator/users-exports';

const exportBody = z
  .object({
    // Pattern from the reference page of POST /jobs/users-exports.
    connection_id: z
      .string()
      .regex(/^con_[A-Za-z0-9]{16}$/)
      .optional(),
    format: z.enum(['json', 'csv']).optional(),
    limit: z.number().int().min(1).optional(),
    fields: z
      .array(z.object({ name: z.string().min(1), export_as: z.string().min(1).optional() }).strict())
      .max(100)
      .optional(),
  })
  .strict();

function jobBody(job: ExportJob, req: Request, tenant: Tenant): Record<string, unknown> {
  const base = {
    type: 'users_export',
    id: job.id,
    created_at: job.created_at,
    connection_id: job.connection_id,
    connection: DATABASE_CONNECTION,
    format: job.format,
    ...(job.limit !== undefined ? { limit: job.limit } : {}),
    ...(job.fields ? { fields: job.fields } : {}),
  };
  if (job.polls === 0) return { ...base, status: 'pending' };
  if (job.polls === 1) return { ...base, status: 'processing', percentage_done: 50, time_left_seconds: 1 };
  const file = `${encodeURIComponent(tenant.domain.split(/[.:]/)[0] || 'tenant')}.${job.format}.gz`;
  return {
    ...base,
    status: 'completed',
    location: `${req.protocol}://${req.get('host') ?? tenant.domain}${USERS_EXPORT_FILES_PATH}/${job.id}/${file}?token=${job.token}`,
  };
}

export function jobsRoutes(tenant: Tenant): Router {
  const router = Router();

  router.post('/jobs/users-exports', (req, res) => {
    const body = parseBody(exportBody, req.body);
    const job: ExportJob = {
      id: newJobId(),
      created_at: new Date().toISOString(),
      connection_id: body.connection_id ?? `con_${'0'.repeat(16)}`,
      format: body.format ?? 'csv',
      ...(body.limit !== undefined ? { limit: body.limit } : {}),
      ...(body.fields ? { fields: body.fields } : {}),
      polls: 0,
      token: newToken(),
    };
    addJob(tenant, job);
    res.status(201).json(jobBody(job, req, tenant));
  });

  router.get('/jobs/:id', (req, res) => {
    const job = jobStore(tenant).get(req.params.id);
    if (!job) throw notFound('inexistent_job', 'The job does not exist.', 'Use the id POST /jobs/users-exports returned.');
    job.polls += 1;
    // The file is a snapshot of the users when the job completes.
    if (job.polls >= 2 && !job.file) job.file = buildExportFile(tenant, job);
    res.json(jobBody(job, req, tenant));
  });

  return router;
}
