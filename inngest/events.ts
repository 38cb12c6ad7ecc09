import { eventType, staticSchema } from "inngest";

// Typed events, named unimatch/<entity>.<past-tense-verb>.

/** A weekly round committed (or was found already committed) and its announcements may go out. */
export const roundCreated = eventType("unimatch/round.created", { schema: staticSchema<{ roundId: number }>() });

/** One participant's announcement of a round is waiting in the outbox (match_notifications). */
export const announcementQueued = eventType("unimatch/announcement.queued", { schema: staticSchema<{ notificationId: number }>() });

/** One mail is waiting in the outbox (mail_outbox), written by the transaction that caused it. */
export const mailQueued = eventType("unimatch/mail.queued", { schema: staticSchema<{ mailId: number }>() });
