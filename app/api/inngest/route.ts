import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { functions, inngest, inngestConfigured } from "@/inngest";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

const handlers = serve({ client: inngest, functions });

// Without any Inngest configuration the jobs run in-process and nothing may talk to this endpoint.
const notConfigured = route({
  GET: async () => {
    throw new AppError("unavailable", "Фоновые задачи Inngest не настроены", { detail: "Inngest is not configured." });
  },
});

type Handler = (request: NextRequest, context: unknown) => Promise<Response>;
const guarded =
  (method: "GET" | "POST" | "PUT"): Handler =>
  (request, context) =>
    inngestConfigured() ? handlers[method](request, context) : notConfigured.GET(request, { params: Promise.resolve({}) });

export const GET = guarded("GET");
export const POST = guarded("POST");
export const PUT = guarded("PUT");
