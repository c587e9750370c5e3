/** Queue names and deterministic job ids. Ids contain no ':' (BullMQ reserves it). */
export const QUEUE = {
  calls: 'calls',
  notifications: 'notifications',
  decisions: 'decisions',
  reports: 'reports',
  reviews: 'reviews',
  maintenance: 'maintenance',
} as const;

export const JOB = {
  closeCall: 'close-call',
  callReminder: 'call-reminder',
  deliverOutbox: 'deliver-outbox',
  publishDecisions: 'publish-decisions',
  reportReminder: 'report-reminder',
  reportOverdue: 'report-overdue',
  acceptBySilence: 'accept-by-silence',
  acceptanceReminder: 'acceptance-reminder',
  reviewReminder: 'review-reminder',
  reconcile: 'reconcile',
} as const;

export interface CallJobData {
  callId: string;
}

export interface ReminderJobData {
  callId: string;
  daysBefore: number;
}

export interface ReportJobData {
  reportId: string;
  daysBefore?: number;
}

/** A funded grant awaiting its lead organisation's answer. */
export interface AcceptanceJobData {
  applicationId: string;
}

export interface ReviewReminderJobData {
  callId: string;
  daysBefore: number;
}

export const jobId = {
  closeCall: (callId: string, closesAt: Date) => `close-call-${callId}-${closesAt.getTime()}`,
  callReminder: (callId: string, daysBefore: number, at: Date) => `call-reminder-${callId}-${daysBefore}d-${at.getTime()}`,
  deliverOutbox: (at: number) => `deliver-outbox-${at}`,
  publishDecisions: (callId: string) => `publish-decisions-${callId}`,
  reportReminder: (reportId: string, daysBefore: number, at: Date) => `report-reminder-${reportId}-${daysBefore}d-${at.getTime()}`,
  reportOverdue: (reportId: string, dueAt: Date) => `report-overdue-${reportId}-${dueAt.getTime()}`,
  acceptBySilence: (applicationId: string, dueAt: Date) => `accept-by-silence-${applicationId}-${dueAt.getTime()}`,
  acceptanceReminder: (applicationId: string, at: Date) => `acceptance-reminder-${applicationId}-${at.getTime()}`,
  reviewReminder: (callId: string, daysBefore: number, at: Date) => `review-reminder-${callId}-${daysBefore}d-${at.getTime()}`,
};
