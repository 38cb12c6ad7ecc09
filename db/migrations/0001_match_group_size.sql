-- A group has 2 or 3 members. Checked at commit so a round can insert a group before its members.
CREATE FUNCTION match_group_size_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  checked_group integer;
  member_count integer;
BEGIN
  IF TG_TABLE_NAME = 'match_groups' THEN
    checked_group := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    checked_group := OLD.group_id;
  ELSE
    checked_group := NEW.group_id;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM match_groups WHERE id = checked_group) THEN
    RETURN NULL;
  END IF;
  SELECT count(*) INTO member_count FROM match_group_members WHERE group_id = checked_group;
  IF member_count NOT BETWEEN 2 AND 3 THEN
    RAISE EXCEPTION 'match group % has % members; a group has 2 or 3', checked_group, member_count
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER match_groups_size AFTER INSERT ON match_groups
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION match_group_size_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER match_group_members_size AFTER INSERT OR UPDATE OR DELETE ON match_group_members
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION match_group_size_check();
