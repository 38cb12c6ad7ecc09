"use client";

import Image from "next/image";
import { useActionState, useEffect, useState, type ChangeEvent, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { IDLE, type FormState } from "@/lib/forms/form-state";
import { PHOTO_ERRORS, PHOTO_MAX_BYTES, photoUrl } from "@/lib/users/photo-format";
import { russianMessage } from "@/lib/validation/messages";

type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/** The file picked in the input, and the upload state it was picked under (a newer result hides it). */
interface Chosen {
  previewUrl: string | null;
  tooLarge: boolean;
  underState: FormState;
}

/**
 * The profile photo on the settings page: the current photo, a preview of a newly chosen file, upload
 * and removal. Both are plain forms posting to server actions, so they work before the script has
 * loaded; once it has, a file over the limit is refused here without uploading it.
 */
export function PhotoForm({ image, upload, remove }: { image: string | null; upload: Action; remove: Action }) {
  const [uploadState, uploadAction, uploading] = useActionState(upload, IDLE);
  const [removeState, removeAction, removing] = useActionState(remove, IDLE);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const current = photoUrl(image, "");
  // Each preview's object URL is released when another file replaces it or the form goes away.
  useEffect(() => {
    const url = chosen?.previewUrl;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [chosen]);

  // React resets the form after each upload: the preview belongs to the state it was chosen under.
  const picked = chosen?.underState === uploadState ? chosen : null;
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    const tooLarge = file !== undefined && file.size > PHOTO_MAX_BYTES;
    // Only images get a preview: anything else is refused by the server with its own message.
    const previewUrl = file && !tooLarge && file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
    setChosen(file ? { previewUrl, tooLarge, underState: uploadState } : null);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (picked?.tooLarge) event.preventDefault();
  };

  const shown = picked?.previewUrl ?? current;
  const serverError = uploadState.status === "error" ? (uploadState.fields.photo ?? null) : null;
  const fieldError = picked?.tooLarge ? russianMessage("photo", PHOTO_ERRORS.tooLarge) : serverError;
  const formError = uploadState.status === "error" && !serverError ? uploadState.message : null;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-4">
        {shown ? (
          // Unoptimized: the photo is already a small WebP, and a preview is a blob: URL.
          <Image
            src={shown}
            alt={picked?.previewUrl ? "Выбранное фото" : "Твоё фото"}
            width={96}
            height={96}
            unoptimized
            className="size-24 rounded-full border border-slate-200 object-cover"
          />
        ) : (
          <p className="text-slate-600">Фото пока нет.</p>
        )}
        {current && (
          <form action={removeAction}>
            <Button type="submit" variant="secondary" disabled={removing}>
              {removing ? "Удаляем…" : "Удалить фото"}
            </Button>
          </form>
        )}
      </div>
      <form action={uploadAction} onSubmit={onSubmit} className="flex flex-col gap-4">
        <TextField
          label="Фото профиля"
          type="file"
          name="photo"
          accept="image/*"
          required
          hint="JPEG, PNG, WebP, GIF или AVIF до 5 МБ; на сайте оно станет квадратом 256 × 256."
          error={fieldError ?? undefined}
          onChange={onChange}
        />
        <Button type="submit" disabled={uploading} className="self-start">
          {uploading ? "Загружаем…" : "Загрузить"}
        </Button>
      </form>
      {formError && <Notice tone="error">{formError}</Notice>}
      {removeState.status === "error" && <Notice tone="error">{removeState.message}</Notice>}
      {uploadState.status === "done" && current && !picked && <Notice tone="success">Фото обновлено.</Notice>}
      {removeState.status === "done" && !current && <Notice tone="success">Фото удалено.</Notice>}
    </div>
  );
}
