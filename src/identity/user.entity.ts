import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../common/auth';
import type { Language } from './organization.entity';
import { Organization } from './organization.entity';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased; unique. */
  @Column('text', { unique: true })
  email!: string;

  @Column('text')
  name!: string;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The language the person chose; null: their organisation's. */
  @Column('text', { nullable: true })
  language!: Language | null;

  /** A deactivated user cannot sign in, and their tokens stop working at once. */
  @Column('boolean', { default: true })
  active!: boolean;

  /** Carried by every access token; raising it ends every session issued before. */
  @Column('int', { default: 0 })
  sessionVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
