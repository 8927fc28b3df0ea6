import { Migration } from '@mikro-orm/migrations';

/**
 * The wait-scoped token. The open hook now writes the shadow's id into a process variable named here
 * as it completes (the engine enters the wait in that same transaction), and every correlation to the
 * wait requires that variable to hold that id. A call that lands after the loop has moved on to its next
 * round meets the next round's id and matches nothing, so it cannot be applied to a wait it was not
 * meant for. Null for waits opened by a hook that wrote no token (before this migration): those are
 * correlated without one, as before.
 */
export class Migration20261202010000_wait_token extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table integration.process_wait_subscription add column wait_token_variable text null;`);
  }
}
