import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/auth';
import { audit } from '../common/audit';
import { assignments } from '../common/sql';
import { Problem } from '../common/problem';
import { finnishSearchQuery } from './coordination.rules';
import { PRACTICE_PAGE_SIZE, PracticeDto, PracticeQuery, UpdatePracticeDto } from './dto/coordination.dto';
import { projectAccess } from './project-access';

type Row = Record<string, unknown>;

const SELECT_PRACTICE = `
  SELECT pr.id, pr.project_id, pr.organization_id, o.name AS organization_name, pr.title, pr.partnership_level, pr.needs,
         pr.solution, pr.results, pr.status, pr.contacts, pr.created_at, pr.updated_at
    FROM practices pr JOIN organizations o ON o.id = pr.organization_id`;

function toPractice(r: Row) {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    organizationId: r.organization_id as string,
    organizationName: r.organization_name as string,
    title: r.title as string,
    partnershipLevel: r.partnership_level as string,
    needs: r.needs as string,
    solution: r.solution as string,
    results: r.results as string,
    status: r.status as string,
    contacts: r.contacts as { name: string; title?: string; email?: string }[],
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
    ...(r.rank !== undefined ? { rank: Number(r.rank) } : {}),
  };
}

@Injectable()
export class PracticesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A member organisation of the project publishes a practice card; the author's organisation is the caller's. */
  async create(actor: Actor, projectId: string, dto: PracticeDto) {
    return this.db.transaction(async (m) => {
      const access = await projectAccess(m, actor, projectId);
      if (!access.isMember) throw Problem.forbidden('Only the project’s own organisations publish its practices');
      const [{ id }] = await m.query(
        `INSERT INTO practices (project_id, organization_id, author_id, title, partnership_level, needs, solution, results, status, contacts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          projectId,
          actor.organizationId,
          actor.id,
          dto.title,
          dto.partnershipLevel,
          dto.needs,
          dto.solution,
          dto.results,
          dto.status,
          JSON.stringify(dto.contacts),
        ],
      );
      await audit(m, { actorId: actor.id, action: 'practice.create', entity: 'practice', entityId: id, after: { title: dto.title } });
      return this.find(m, id);
    });
  }

  /** Editable by its authors: the users of the organisation that published it (and admins). */
  async update(actor: Actor, id: string, dto: UpdatePracticeDto) {
    return this.db.transaction(async (m) => {
      const [p] = await m.query('SELECT organization_id FROM practices WHERE id = $1 FOR UPDATE', [id]);
      if (!p) throw Problem.notFound('Practice');
      if (p.organization_id !== actor.organizationId && !hasRole(actor, 'admin'))
        throw Problem.forbidden('Only the authoring organisation edits a practice');
      const columns: Record<string, unknown> = {
        title: dto.title,
        partnership_level: dto.partnershipLevel,
        needs: dto.needs,
        solution: dto.solution,
        results: dto.results,
        status: dto.status,
        contacts: dto.contacts ? JSON.stringify(dto.contacts) : undefined,
      };
      const set = assignments(columns);
      await m.query(`UPDATE practices SET ${set.sql} updated_at = now() WHERE id = $1`, [id, ...set.values]);
      await audit(m, { actorId: actor.id, action: 'practice.update', entity: 'practice', entityId: id, after: dto });
      return this.find(m, id);
    });
  }

  /**
   * Searches every practice across all projects with PostgreSQL full-text search in Finnish,
   * best matches first (title weighs most, then needs and solution, then results).
   */
  async search(q: PracticeQuery) {
    const query = q.q ? finnishSearchQuery(q.q) : null;
    const rows: Row[] = await this.db.query(
      `${SELECT_PRACTICE.replace('SELECT pr.id', `SELECT ${query ? "ts_rank(pr.search, to_tsquery('finnish', $1))" : '0'} AS rank, pr.id`)}
        WHERE ($1::text IS NULL OR pr.search @@ to_tsquery('finnish', $1))
          AND ($2::text IS NULL OR pr.partnership_level = $2)
          AND ($3::text IS NULL OR pr.status = $3)
          AND ($6::uuid IS NULL OR pr.organization_id = $6)
        ORDER BY rank DESC, pr.updated_at DESC, pr.id
        LIMIT $4 OFFSET $5`,
      [query, q.level ?? null, q.status ?? null, q.limit ?? PRACTICE_PAGE_SIZE, q.offset ?? 0, q.organizationId ?? null],
    );
    return rows.map(toPractice);
  }

  async get(id: string) {
    return this.find(this.db.manager, id);
  }

  private async find(m: EntityManager, id: string) {
    const [row] = await m.query(`${SELECT_PRACTICE} WHERE pr.id = $1`, [id]);
    if (!row) throw Problem.notFound('Practice');
    return toPractice(row);
  }
}
