import { announceRound } from "./functions/announce-round";
import { deliverAnnouncementFunction } from "./functions/deliver-announcement";
import { deliverMailFunction } from "./functions/deliver-mail";
import { sweepMailOutboxFunction } from "./functions/sweep-mail-outbox";
import { weeklyRound } from "./functions/weekly-round";

export { inngest, inngestConfigured } from "./client";

/** Every function served at /api/inngest. */
export const functions = [weeklyRound, announceRound, deliverAnnouncementFunction, deliverMailFunction, sweepMailOutboxFunction];
