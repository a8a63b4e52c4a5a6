/**
 * The source fence: stops every writer of the app's database at the database, whatever credentials rehome
 * found, without ever locking rehome out of its own copy, undo or lift (issue 11).
 *
 * <h2>What was measured (PostgreSQL 15.14 and 16.10, the ITs of this package)</h2>
 * <table>
 * <caption>Mechanisms, what they stop, what they need</caption>
 * <tr><th>mechanism</th><th>stops a superuser app?</th><th>needs</th><th>verdict</th></tr>
 * <tr><td>{@code REVOKE CONNECT} from PUBLIC and the app role</td><td>no (a superuser still gets in); it does
 *   stop the owner when revoked from the owner itself, which is how the old fence locked rehome out when rehome
 *   was the owner</td><td>owner or superuser</td><td>used by the owner when the app is another role
 *   ({@link dev.rehome.jdbc.fence.FencePlan.RevokeConnect}), and as an extra layer (PUBLIC) for other roles</td></tr>
 * <tr><td>{@code CONNECTION LIMIT 0}</td><td>no</td><td>owner</td><td>not used: blocks rehome's new sessions as
 *   well and not a superuser</td></tr>
 * <tr><td>{@code ALLOW_CONNECTIONS false}</td><td>yes</td><td>owner</td><td>not used: the copy engines and
 *   pg_dump open new sessions after the fence, and this refuses them too (only sessions opened before survive)</td></tr>
 * <tr><td>{@code ALTER DATABASE .. SET default_transaction_read_only = on} + terminate</td><td>new sessions'
 *   INSERTs fail ("cannot execute INSERT in a read-only transaction")</td><td>owner (set and reset from the
 *   {@code postgres} database)</td><td>not used: any client may {@code BEGIN READ WRITE}; it also makes
 *   ALTER ROLE/ALTER DATABASE fail in new sessions of that database</td></tr>
 * <tr><td>{@code ALTER ROLE app NOLOGIN} + terminate</td><td>yes, even a {@code trust}ed {@code postgres}
 *   ("role is not permitted to log in")</td><td>superuser (PG 16: or CREATEROLE with ADMIN on the role); a role
 *   may not do it to itself (PG 15 "permission denied", PG 16 "Only roles with the CREATEROLE attribute and the
 *   ADMIN option")</td><td>the fence whenever a superuser login is held
 *   ({@link dev.rehome.jdbc.fence.FencePlan.DisableLogin})</td></tr>
 * <tr><td>short-lived superuser {@code rehome_<run>}, password set with pgjdbc's
 *   {@code alterUserPassword}</td><td>(a path for rehome, not a block)</td><td>superuser</td><td>used when the
 *   only superuser login is the app's own: rehome works through it while the app's role is NOLOGIN; dropped by
 *   the lift</td></tr>
 * <tr><td>the app role changes its own password (to rehome's fence secret)</td><td>only where the app
 *   authenticates by password; old password refused at once</td><td>nothing: any role may</td><td>the fence when
 *   only the app's non-superuser login is held ({@link dev.rehome.jdbc.fence.FencePlan.RotatePassword}); the
 *   probe proves the old password is refused</td></tr>
 * <tr><td>{@code pg_terminate_backend}</td><td>open sessions</td><td>superuser; else only the own role's
 *   backends, a member of the role, or {@code pg_signal_backend} (PG 15/16 both refuse an owner ending another
 *   role's sessions)</td><td>always, after the new-login block; each pid alone, the remainder counted</td></tr>
 * <tr><td>sessions opened before the fence</td><td>-</td><td>-</td><td>used for the terminator: the app's own
 *   login ends its sessions when the owner may not, opened before CONNECT is revoked from it</td></tr>
 * <tr><td>the maintenance database</td><td>-</td><td>-</td><td>every fence and lift session runs in
 *   {@code postgres} (else {@code template1}): ALTER ROLE, GRANT/REVOKE CONNECT and terminate all work from
 *   there, so a lift never needs the fenced database</td></tr>
 * </table>
 *
 * <h2>Which fence per source shape</h2>
 * <ul>
 *   <li>(a) official image, the app logs in as a superuser, only that login held: migration role + NOLOGIN app;
 *       rehome's sessions (copy, pg_dump, lift) log in as {@code rehome_<run>} with the fence secret.</li>
 *   <li>(b) Bitnami: a non-superuser owner for the app plus the {@code postgres} password: NOLOGIN app, rehome
 *       works as {@code postgres}.</li>
 *   <li>(c) only the non-superuser owner: it rotates its own password, revokes PUBLIC's CONNECT, terminates its
 *       sessions; rehome logs in as the app role with the fence secret.</li>
 *   <li>(d) separate app role, owner elsewhere: with the owner's login, REVOKE CONNECT from the app (if it has its
 *       own grant) and PUBLIC, the app's sessions ended by the owner if it may signal them, else by the app's own
 *       login; with the app's login only, as (c) without the PUBLIC revoke.</li>
 *   <li>Otherwise {@link dev.rehome.jdbc.fence.FencePlan.Refuse} with the credential to provide.</li>
 * </ul>
 *
 * <h2>Durability and secrets</h2>
 * A {@link dev.rehome.jdbc.fence.FenceHandle} is computed before anything is applied and journaled without
 * secrets; every undo is harmless when its action never ran or was already undone, so the lift after a crash at
 * any point, or a second lift, converges. Passwords reach the server only as SCRAM verifiers via pgjdbc's
 * {@code alterUserPassword}; identifiers are quoted, values bound.
 */
package dev.rehome.jdbc.fence;
