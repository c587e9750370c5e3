import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANIZATION_KINDS = ['education_provider', 'municipality', 'authority', 'company', 'third_sector', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { unique: true })
  businessId!: string;

  @Column('text')
  kind!: OrganizationKind;

  @Column('text', { nullable: true })
  municipality!: string | null;

  /** The language notifications to this organisation are written in. */
  @Column('text', { default: 'fi' })
  language!: Language;

  /** Where grants are paid: an IBAN in electronic form (no spaces), mod-97 checked. */
  @Column('text', { nullable: true })
  iban!: string | null;

  @Column('text', { nullable: true })
  bic!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
