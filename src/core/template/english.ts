import type { TableKey } from './template.js';

/**
 * English names of the template's tables, rows and columns, for readers of the datasets who do not read Chinese
 * (datapackage.json descriptions). The Chinese labels in template.ts stay the reference: these only translate them.
 */

const TABLE_ENGLISH: Record<TableKey, string> = {
  active: 'section 2, proactive disclosure',
  requests: 'section 3, disclosure requests received and handled',
  review_litigation: 'section 4, administrative review and litigation over disclosure',
};

const ACTIVE_ROWS: Record<string, string> = {
  regulations: 'rules (规章)',
  normative_documents: 'normative documents',
  licensing: 'administrative licensing',
  other_services: 'other external management services',
  penalty: 'administrative penalties',
  enforcement: 'administrative enforcement',
  fees: 'administrative fees',
  procurement: 'centralised government procurement',
};

const ACTIVE_COLUMNS: Record<string, string> = {
  issued: 'issued this year',
  repealed: 'repealed this year',
  in_force: 'in force',
  decisions: 'decisions this year',
  amount_10k_yuan: 'fees collected this year, in 10,000 yuan',
  new_made: 'newly made this year',
  new_published: 'newly published this year',
  total_published: 'total published',
  prev_year_items: 'items the year before',
  change: 'change this year (+/-)',
  items: 'procurement items',
  amount: 'procurement amount, in 10,000 yuan',
};

const REQUEST_ROWS: Record<string, string> = {
  new_received: 'new requests received this year',
  carried_over: 'requests carried over from the previous year',
  granted: 'outcome: disclosed',
  partially_granted: 'outcome: partly disclosed',
  'denied.state_secret': 'not disclosed: state secret',
  'denied.prohibited_by_law': 'not disclosed: prohibited by other laws',
  'denied.three_safeties_one_stability': 'not disclosed: endangers the "three safeties and one stability"',
  'denied.third_party_rights': "not disclosed: protects a third party's lawful rights",
  'denied.internal_affairs': 'not disclosed: internal affairs',
  'denied.process_info': 'not disclosed: process information',
  'denied.law_enforcement_files': 'not disclosed: law-enforcement case files',
  'denied.administrative_query': 'not disclosed: administrative query matter',
  'unable.not_held': 'cannot be provided: not held by the agency',
  'unable.needs_creation': 'cannot be provided: would have to be created',
  'unable.unclear_after_amendment': 'cannot be provided: still unclear after amendment',
  'not_processed.petition_complaint': 'not processed: petition, report or complaint',
  'not_processed.duplicate': 'not processed: duplicate request',
  'not_processed.publication': 'not processed: asks for a publication',
  'not_processed.mass_repetitive': 'not processed: mass repetitive requests without good reason',
  'not_processed.confirm_reissue': 'not processed: asks to confirm or reissue information already obtained',
  other: 'other handling (single row, 2019 format)',
  'other.no_amendment_overdue': 'other handling: applicant did not amend in time',
  'other.fee_unpaid': 'other handling: applicant did not pay the fee in time',
  'other.other': 'other handling: other',
  total: 'total handled this year',
  carried_forward: 'carried forward to next year',
};

const REQUEST_COLUMNS: Record<string, string> = {
  natural_person: 'natural persons',
  commercial_enterprise: 'commercial enterprises',
  research_institution: 'research institutions',
  social_welfare_org: 'social welfare organisations',
  legal_service_org: 'legal service organisations',
  other_org: 'other organisations',
  total: 'total',
};

const REVIEW_ROWS: Record<string, string> = {
  review: 'administrative review',
  litigation_direct: 'litigation without prior review',
  litigation_after_review: 'litigation after review',
};

const REVIEW_COLUMNS: Record<string, string> = {
  upheld: 'upheld',
  corrected: 'corrected',
  other: 'other result',
  pending: 'pending',
  total: 'total',
};

const ROWS: Record<TableKey, Record<string, string>> = {
  active: ACTIVE_ROWS,
  requests: REQUEST_ROWS,
  review_litigation: REVIEW_ROWS,
};
const COLUMNS: Record<TableKey, Record<string, string>> = {
  active: ACTIVE_COLUMNS,
  requests: REQUEST_COLUMNS,
  review_litigation: REVIEW_COLUMNS,
};

/** `requests`, `granted`, `natural_person` → "section 3, …: outcome: disclosed — natural persons" (the key itself if unknown). */
export function englishCellLabel(table: TableKey, row: string, column: string): string {
  return `${TABLE_ENGLISH[table]}: ${ROWS[table][row] ?? row} — ${COLUMNS[table][column] ?? column}`;
}
