import { dueAnnouncementIds } from "@/lib/matching/announcements";
import { inngest } from "../client";
import { announcementQueued, roundCreated } from "../events";

// Inngest accepts a bounded number of events per send; larger rounds fan out in several steps.
const EVENTS_PER_STEP = 1_000;

/** Fans a committed round out into one delivery event per announcement still to deliver. */
export const announceRound = inngest.createFunction(
  { id: "announce-round", name: "Announce a round", triggers: [roundCreated], retries: 4 },
  async ({ event, step }) => {
    const ids = await step.run("load-due-announcements", () => dueAnnouncementIds({ roundId: event.data.roundId }));
    for (let start = 0; start < ids.length; start += EVENTS_PER_STEP) {
      const chunk = ids.slice(start, start + EVENTS_PER_STEP);
      await step.sendEvent(
        start === 0 ? "queue-announcements" : `queue-announcements-${start / EVENTS_PER_STEP}`,
        chunk.map((notificationId) => announcementQueued.create({ notificationId })),
      );
    }
    return { roundId: event.data.roundId, queued: ids.length };
  },
);
