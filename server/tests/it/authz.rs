//! The authorization matrix: every server function, called as each role. A new
//! server function without a row here fails the test.

use crate::on_both;
use crate::support::{Backend, Browser, TestApp};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Anonymous,
    Participant,
    Reviewer,
    Organiser,
    Admin,
}

const ALL: &[Role] = &[
    Role::Anonymous,
    Role::Participant,
    Role::Reviewer,
    Role::Organiser,
    Role::Admin,
];
const SIGNED_IN: &[Role] = &[
    Role::Participant,
    Role::Reviewer,
    Role::Organiser,
    Role::Admin,
];
const ORGANISERS: &[Role] = &[Role::Organiser, Role::Admin];
/// Reviewers of the demo edition (its organiser and the administrator hold
/// no reviewer role there).
const REVIEWERS: &[Role] = &[Role::Reviewer];
const ADMINS: &[Role] = &[Role::Admin];

/// (server function path, arguments, who may call it). Arguments are chosen so
/// that an allowed call is answered (200, or a 4xx about the input), never 401/403.
type Row = (&'static str, Vec<(&'static str, String)>, &'static [Role]);

fn matrix() -> Vec<Row> {
    let nobody = uuid::Uuid::new_v4().to_string();
    vec![
        ("/api/page-context", vec![], ALL),
        ("/api/accounts/whoami", vec![], ALL),
        (
            "/api/accounts/sign-up",
            vec![
                ("name", String::new()),
                ("email", "x".into()),
                ("password", "x".into()),
            ],
            ALL,
        ),
        (
            "/api/accounts/verify-email",
            vec![("token", "not-a-token".into())],
            ALL,
        ),
        (
            "/api/accounts/sign-in",
            vec![
                ("email", "nobody@example.org".into()),
                ("password", "wrong password".into()),
            ],
            ALL,
        ),
        (
            "/api/accounts/request-password-reset",
            vec![("email", "nobody@example.org".into())],
            ALL,
        ),
        (
            "/api/accounts/reset-password",
            vec![
                ("token", "not-a-token".into()),
                ("password", "long enough passphrase".into()),
            ],
            ALL,
        ),
        (
            "/api/accounts/set-language",
            vec![("lang", "fr".into())],
            ALL,
        ),
        ("/api/accounts/profile", vec![], SIGNED_IN),
        (
            "/api/accounts/update-profile",
            vec![
                ("name", String::new()),
                ("organisation", String::new()),
                ("country", String::new()),
                ("stakeholder_group", String::new()),
                ("gender", String::new()),
            ],
            SIGNED_IN,
        ),
        (
            "/api/accounts/change-password",
            vec![
                ("current_password", "wrong".into()),
                ("new_password", "short".into()),
            ],
            SIGNED_IN,
        ),
        (
            "/api/account/delete",
            vec![
                ("current_password", "not the password".into()),
                ("confirm", "on".into()),
            ],
            SIGNED_IN,
        ),
        ("/api/forums/list", vec![], ALL),
        ("/api/calls/list", vec![("forum", "demo".into())], ALL),
        (
            "/api/calls/get",
            vec![("forum", "demo".into()), ("call", nobody.clone())],
            ALL,
        ),
        (
            "/api/calls/manage",
            vec![("forum", "demo".into()), ("call", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/calls/save",
            call_args(vec![("forum", "demo".into())]),
            ORGANISERS,
        ),
        (
            "/api/calls/save",
            call_args(vec![("forum", "demo".into()), ("call", nobody.clone())]),
            ORGANISERS,
        ),
        (
            "/api/calls/add-access-code",
            vec![
                ("forum", "demo".into()),
                ("call", nobody.clone()),
                ("label", String::new()),
                ("max_uses", String::new()),
                ("expires_at", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/calls/revoke-access-code",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/proposals/save",
            vec![
                ("forum", "demo".into()),
                ("call", nobody.clone()),
                ("session_type", String::new()),
                ("format", String::new()),
                ("format_description", String::new()),
                ("duration", String::new()),
                ("theme", String::new()),
                ("sub_theme", String::new()),
                ("title", String::new()),
                ("description", String::new()),
                ("expected_outcomes", String::new()),
                ("hybrid_plan", String::new()),
                ("room_layout", String::new()),
                ("tags", String::new()),
                ("previous_report_url", String::new()),
            ],
            SIGNED_IN,
        ),
        (
            "/api/proposals/submit",
            vec![("forum", "demo".into()), ("proposal", nobody.clone())],
            SIGNED_IN,
        ),
        (
            "/api/proposals/withdraw",
            vec![("forum", "demo".into()), ("proposal", nobody.clone())],
            SIGNED_IN,
        ),
        (
            "/api/proposals/checks",
            vec![("proposal", nobody.clone())],
            SIGNED_IN,
        ),
        (
            "/api/proposals/answer-invitation",
            vec![
                ("token", "not-a-token".into()),
                ("answer", "confirm".into()),
            ],
            ALL,
        ),
        (
            "/api/proposals/form",
            vec![("forum", "demo".into()), ("call", nobody.clone())],
            SIGNED_IN,
        ),
        ("/api/proposals/mine", vec![], SIGNED_IN),
        ("/api/forums/edition", vec![("forum", "demo".into())], ALL),
        (
            "/api/forums/create",
            edition_args(vec![("code", "demo".into())]),
            ADMINS,
        ),
        (
            "/api/forums/update",
            edition_args(vec![("forum", "demo".into())]),
            ORGANISERS,
        ),
        (
            "/api/forums/setup",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/forums/add-theme",
            vec![("forum", "demo".into()), ("name", String::new())],
            ORGANISERS,
        ),
        (
            "/api/forums/remove-theme",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/forums/add-session-type",
            vec![
                ("forum", "demo".into()),
                ("name", String::new()),
                ("code_prefix", String::new()),
                ("durations", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/forums/remove-session-type",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/forums/add-format",
            vec![("forum", "demo".into()), ("name", String::new())],
            ORGANISERS,
        ),
        (
            "/api/forums/remove-format",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/forums/copy-structure",
            vec![("forum", "demo".into()), ("from", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/forums/mail",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/forums/save-mail",
            vec![
                ("forum", "demo".into()),
                ("kind", "proposal-invitation".into()),
                ("locale", "en".into()),
                ("subject", String::new()),
                ("body", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/forums/reset-mail",
            vec![
                ("forum", "demo".into()),
                ("kind", "proposal-invitation".into()),
                ("locale", "en".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/forums/team",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/forums/grant-role",
            vec![
                ("forum", "demo".into()),
                ("email", "nobody@example.org".into()),
                ("role", "reviewer".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/forums/revoke-role",
            vec![("forum", "demo".into()), ("role_id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/proposals/list",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/proposals/received",
            vec![("forum", "demo".into())],
            ALL,
        ),
        (
            "/api/screening/override",
            vec![
                ("forum", "demo".into()),
                ("proposal", nobody.clone()),
                ("rule", "core-fields".into()),
                ("outcome", "pass".into()),
                ("reason", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/screening/decide",
            vec![("forum", "demo".into()), ("decision", "eligible".into())],
            ORGANISERS,
        ),
        (
            "/api/review/board",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/review/run",
            vec![
                ("forum", "demo".into()),
                ("call", nobody.clone()),
                ("reviews_per_proposal", "0".into()),
                ("max_per_reviewer", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/review/assign",
            vec![
                ("forum", "demo".into()),
                ("proposal", nobody.clone()),
                ("email", "nobody@example.org".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/review/unassign",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/review/add-team",
            vec![("forum", "demo".into()), ("name", String::new())],
            ORGANISERS,
        ),
        (
            "/api/review/remove-team",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/review/add-member",
            vec![
                ("forum", "demo".into()),
                ("team", nobody.clone()),
                ("email", "nobody@example.org".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/review/remove-member",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/review/mine",
            vec![("forum", "demo".into())],
            REVIEWERS,
        ),
        (
            "/api/review/declare-conflict",
            vec![
                ("forum", "demo".into()),
                ("proposal", nobody.clone()),
                ("reason", String::new()),
            ],
            REVIEWERS,
        ),
        (
            "/api/review/proposal",
            vec![("forum", "demo".into()), ("proposal", nobody.clone())],
            &[Role::Reviewer, Role::Organiser, Role::Admin],
        ),
        (
            "/api/review/save",
            vec![
                ("forum", "demo".into()),
                ("proposal", nobody.clone()),
                ("comment", String::new()),
                ("comment_for_proposers", String::new()),
                ("merge_with", String::new()),
            ],
            REVIEWERS,
        ),
        (
            "/api/programme/sessions",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/programme/session",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/programme/create-session",
            vec![
                ("forum", "demo".into()),
                ("title", String::new()),
                ("description", String::new()),
                ("session_type", String::new()),
                ("theme", String::new()),
                ("duration", String::new()),
                ("audience", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/save-session",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("title", String::new()),
                ("description", String::new()),
                ("session_type", String::new()),
                ("theme", String::new()),
                ("duration", String::new()),
                ("audience", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/save-materials",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("materials[0][title]", "Slides".into()),
                ("materials[0][url]", "https://x.example/s".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/session-status",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("status", "cancel".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/add-person",
            vec![
                ("forum", "demo".into()),
                ("session", nobody.clone()),
                ("role", String::new()),
                ("name", String::new()),
                ("email", String::new()),
                ("organisation", String::new()),
                ("country", String::new()),
                ("stakeholder_group", String::new()),
                ("gender", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/remove-person",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/programme/schedule",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/programme/move-plan",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/programme/move",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("version", "0".into()),
                ("room", String::new()),
                ("slot", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/pin",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("pin", "pin".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/undo",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/programme/limits",
            vec![
                ("forum", "demo".into()),
                ("max_parallel_same_theme", String::new()),
                ("max_sessions_per_person_day", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/scheduler",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/programme/releases",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/programme/publish",
            vec![("forum", "demo".into()), ("note", String::new())],
            ORGANISERS,
        ),
        ("/api/programme/public", vec![("forum", "demo".into())], ALL),
        (
            "/api/programme/changelog",
            vec![("forum", "demo".into())],
            ALL,
        ),
        (
            "/api/registration/page",
            vec![("forum", "demo".into())],
            ALL,
        ),
        (
            "/api/registration/register",
            vec![
                ("forum", "demo".into()),
                ("mode", String::new()),
                ("badge_name", String::new()),
                ("organisation", String::new()),
                ("country", String::new()),
                ("stakeholder_group", String::new()),
                ("gender", String::new()),
                ("accessibility", String::new()),
                ("interpretation_language", String::new()),
            ],
            SIGNED_IN,
        ),
        (
            "/api/registration/cancel",
            vec![("forum", "demo".into())],
            SIGNED_IN,
        ),
        (
            "/api/registration/reminders",
            vec![("forum", "demo".into()), ("reminders", "digest".into())],
            SIGNED_IN,
        ),
        (
            "/api/registration/list",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/registration/decide",
            vec![("forum", "demo".into()), ("decision", "approve".into())],
            ORGANISERS,
        ),
        (
            "/api/registration/setup",
            vec![
                ("forum", "demo".into()),
                ("closes_at", String::new()),
                ("onsite_capacity", String::new()),
                ("privacy_notice", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/registration/check-in",
            vec![("forum", "demo".into()), ("badge", String::new())],
            ORGANISERS,
        ),
        (
            "/api/registration/badge",
            vec![("forum", "demo".into()), ("badge", "X".into())],
            ORGANISERS,
        ),
        (
            "/api/registration/mode",
            vec![("forum", "demo".into()), ("mode", "onsite".into())],
            SIGNED_IN,
        ),
        (
            "/api/registration/question-add",
            vec![
                ("forum", "demo".into()),
                ("kind", "text".into()),
                ("label", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/registration/question-remove",
            vec![("forum", "demo".into()), ("question", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/registration/participants",
            vec![("forum", "demo".into())],
            ALL,
        ),
        (
            "/api/consultations/list",
            vec![("forum", "demo".into())],
            ALL,
        ),
        (
            "/api/consultations/page",
            vec![("forum", "demo".into()), ("slug", "none-here".into())],
            ALL,
        ),
        (
            "/api/consultations/form",
            vec![("forum", "demo".into()), ("slug", "none-here".into())],
            SIGNED_IN,
        ),
        (
            "/api/consultations/create",
            vec![
                ("forum", "demo".into()),
                ("title", String::new()),
                ("slug", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/manage",
            vec![("forum", "demo".into()), ("slug", "none-here".into())],
            ORGANISERS,
        ),
        (
            "/api/consultations/save",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("title", String::new()),
                ("description", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/phase-add",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("name", String::new()),
                ("starts", String::new()),
                ("ends", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/phase-remove",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("phase", nobody.clone()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/question-add",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("question_title", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/question-remove",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("question", nobody.clone()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/moderate",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("contribution", nobody.clone()),
                ("decision", "approve".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/contribution",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("contribution", nobody.clone()),
            ],
            ALL,
        ),
        (
            "/api/consultations/draft",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("draft", nobody.clone()),
            ],
            ALL,
        ),
        (
            "/api/consultations/comment",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("contribution", nobody.clone()),
                ("body", "x".into()),
            ],
            SIGNED_IN,
        ),
        (
            "/api/consultations/comment-moderate",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("comment", nobody.clone()),
                ("decision", "show".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/draft-create",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("draft_title", String::new()),
                ("text", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/draft-revise",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("draft", nobody.clone()),
                ("text", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/synthesis",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("filters[page]", "1".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/theme-link",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("name", "x".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/theme-unlink",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("theme", nobody.clone()),
                ("contribution", nobody.clone()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/meeting-add",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("session", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/consultations/meeting-remove",
            vec![
                ("forum", "demo".into()),
                ("slug", "none-here".into()),
                ("meeting", nobody.clone()),
            ],
            ORGANISERS,
        ),
        (
            "/api/figures/page",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        ("/api/hubs/page", vec![("forum", "demo".into())], ALL),
        ("/api/hubs/form", vec![("forum", "demo".into())], SIGNED_IN),
        (
            "/api/hubs/save",
            vec![
                ("forum", "demo".into()),
                ("country", String::new()),
                ("city", String::new()),
                ("institution", String::new()),
                ("expected_participants", String::new()),
            ],
            SIGNED_IN,
        ),
        (
            "/api/hubs/withdraw",
            vec![("forum", "demo".into()), ("hub", nobody.clone())],
            SIGNED_IN,
        ),
        (
            "/api/hubs/manage",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/hubs/decide",
            vec![
                ("forum", "demo".into()),
                ("hub", nobody.clone()),
                ("decision", "approve".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/floor/page",
            vec![("forum", "demo".into()), ("session", "S-1".into())],
            ALL,
        ),
        (
            "/api/floor/ask",
            vec![("forum", "demo".into()), ("session", "S-1".into())],
            SIGNED_IN,
        ),
        (
            "/api/floor/withdraw",
            vec![("forum", "demo".into()), ("session", "S-1".into())],
            SIGNED_IN,
        ),
        (
            "/api/floor/open",
            vec![
                ("forum", "demo".into()),
                ("session", "S-1".into()),
                ("open", "on".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/floor/give",
            vec![
                ("forum", "demo".into()),
                ("session", "S-1".into()),
                ("request", nobody.clone()),
            ],
            ORGANISERS,
        ),
        (
            "/api/floor/done",
            vec![
                ("forum", "demo".into()),
                ("session", "S-1".into()),
                ("request", nobody.clone()),
            ],
            ORGANISERS,
        ),
        (
            "/api/participation/sign-up",
            vec![("forum", "demo".into()), ("session", "S-1".into())],
            SIGNED_IN,
        ),
        (
            "/api/participation/cancel",
            vec![("forum", "demo".into()), ("session", "S-1".into())],
            SIGNED_IN,
        ),
        (
            "/api/participation/session-seats",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/participation/seat-limit",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("seat_limit", "12".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/participation/meeting",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("meeting_url", "https://meet.example/x".into()),
                ("meeting_id", String::new()),
                ("meeting_passcode", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/participation/room-meeting",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("meeting_url", "https://meet.example/x".into()),
                ("meeting_id", String::new()),
                ("meeting_passcode", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/participation/join-link",
            vec![("forum", "demo".into()), ("session", "S-1".into())],
            SIGNED_IN,
        ),
        (
            "/api/participation/join",
            vec![("token", "not-a-token".into())],
            SIGNED_IN,
        ),
        (
            "/api/participation/revoke-link",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("revoke", "1".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/certificates/offer",
            vec![("forum", "demo".into())],
            ALL,
        ),
        (
            "/api/certificates/verify",
            vec![("code", "0000-0000-0000-0000".into())],
            ALL,
        ),
        ("/api/certificates/find", vec![("code", "x".into())], ALL),
        (
            "/api/certificates/list",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/certificates/revoke",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("revoke", "1".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/agenda/mine",
            vec![("forum", "demo".into())],
            SIGNED_IN,
        ),
        (
            "/api/agenda/star",
            vec![("forum", "demo".into()), ("session", "S-1".into())],
            SIGNED_IN,
        ),
        (
            "/api/agenda/new-feed",
            vec![("forum", "demo".into())],
            SIGNED_IN,
        ),
        (
            "/api/agenda/stop-feed",
            vec![("forum", "demo".into())],
            SIGNED_IN,
        ),
        (
            "/api/programme/organisations",
            vec![("forum", "demo".into())],
            ALL,
        ),
        (
            "/api/programme/public-session",
            vec![("forum", "demo".into()), ("session", "S-1".into())],
            ALL,
        ),
        (
            "/api/programme/speaker",
            vec![
                ("forum", "demo".into()),
                ("person", uuid::Uuid::new_v4().to_string()),
            ],
            ALL,
        ),
        (
            "/api/programme/solve",
            vec![
                ("forum", "demo".into()),
                ("mode", "fresh".into()),
                ("time_limit", "0".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/programme/stop-run",
            vec![("forum", "demo".into()), ("run", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/programme/accept-run",
            vec![("forum", "demo".into()), ("run", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/venue/load",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/venue/add-room",
            vec![
                ("forum", "demo".into()),
                ("name", String::new()),
                ("capacity", String::new()),
                ("layout", String::new()),
                ("location", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/venue/save-room",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("name", String::new()),
                ("capacity", String::new()),
                ("layout", String::new()),
                ("location", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/venue/remove-room",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/venue/generate",
            vec![
                ("forum", "demo".into()),
                ("from", String::new()),
                ("to", String::new()),
                ("starts", String::new()),
                ("length", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/venue/add-slot",
            vec![
                ("forum", "demo".into()),
                ("day", nobody.clone()),
                ("start", String::new()),
                ("length", String::new()),
                ("kind", String::new()),
                ("label", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/venue/save-slot",
            vec![
                ("forum", "demo".into()),
                ("id", nobody.clone()),
                ("start", String::new()),
                ("length", String::new()),
                ("kind", String::new()),
                ("label", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/venue/remove-slot",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/venue/remove-day",
            vec![("forum", "demo".into()), ("id", nobody.clone())],
            ORGANISERS,
        ),
        (
            "/api/review/ranking",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/review/decide",
            vec![("forum", "demo".into()), ("back", String::new())],
            ORGANISERS,
        ),
        (
            "/api/review/merge",
            vec![
                ("forum", "demo".into()),
                ("back", String::new()),
                ("proposal", nobody.clone()),
                ("into", "WS #1".into()),
                ("version", "0".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/review/unmerge",
            vec![
                ("forum", "demo".into()),
                ("back", String::new()),
                ("proposal", nobody.clone()),
                ("version", "0".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/review/release-plan",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/review/release",
            vec![
                ("forum", "demo".into()),
                ("call", nobody.clone()),
                ("confirm_by", String::new()),
            ],
            ORGANISERS,
        ),
        (
            "/api/review/promote",
            vec![
                ("forum", "demo".into()),
                ("proposal", nobody.clone()),
                ("version", "0".into()),
            ],
            ORGANISERS,
        ),
        (
            "/api/review/decision",
            vec![("forum", "demo".into()), ("proposal", nobody.clone())],
            SIGNED_IN,
        ),
        (
            "/api/review/answer",
            vec![
                ("forum", "demo".into()),
                ("proposal", nobody.clone()),
                ("answer", String::new()),
            ],
            SIGNED_IN,
        ),
        (
            "/api/review/settings-load",
            vec![("forum", "demo".into())],
            ORGANISERS,
        ),
        (
            "/api/review/settings",
            vec![
                ("forum", "demo".into()),
                ("call", nobody.clone()),
                ("reasons", String::new()),
            ],
            ORGANISERS,
        ),
        ("/api/admin/audit", vec![], ADMINS),
        ("/api/admin/outbox", vec![], ADMINS),
        ("/api/admin/resend", vec![("id", nobody)], ADMINS),
        // Last: it ends the session.
        ("/api/accounts/sign-out", vec![], SIGNED_IN),
    ]
}

/// The fields of the edition form, all empty (so an allowed call is refused
/// for its input, never carried out), plus `extra`.
fn edition_args(extra: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    let mut args: Vec<(&'static str, String)> = [
        "name",
        "host_city",
        "venue",
        "time_zone",
        "day_zero",
        "first_day",
        "last_day",
        "description",
    ]
    .into_iter()
    .map(|k| (k, String::new()))
    .collect();
    args.extend(extra);
    args
}

/// The fields of the call form, all empty, plus `extra`.
fn call_args(extra: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    let mut args: Vec<(&'static str, String)> = [
        "title",
        "introduction",
        "opens_at",
        "closes_at",
        "min_confirmed_speakers",
        "min_onsite_moderators",
        "min_onsite_speakers",
        "min_organiser_groups",
        "max_proposals_per_person",
        "max_proposals_per_organisation",
        "max_sessions_per_speaker",
        "title_max_chars",
        "description_max_words",
    ]
    .into_iter()
    .map(|k| (k, String::new()))
    .collect();
    args.extend(extra);
    args
}

async fn browser_as(app: &TestApp, role: Role) -> Browser {
    let browser = app.browser();
    let email = match role {
        Role::Anonymous => return browser,
        Role::Participant => "participant@demo.plenum.localhost",
        Role::Reviewer => "reviewer@demo.plenum.localhost",
        Role::Organiser => "organiser@demo.plenum.localhost",
        Role::Admin => "admin@test.localhost",
    };
    let res = browser.sign_in(email, "demo passphrase 2027").await;
    assert_eq!(res.status(), 303, "signing in as {role:?}");
    browser
}

async fn every_server_function_checks_its_callers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(
        &app.db,
        server::config::DemoSize::Bare,
        "demo passphrase 2027",
    )
    .await
    .unwrap();
    app.create_admin("admin@test.localhost", "demo passphrase 2027")
        .await;

    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    let covered: BTreeSet<String> = matrix().iter().map(|(p, _, _)| p.to_string()).collect();
    assert_eq!(
        registered, covered,
        "every server function has a row in the matrix"
    );

    for &role in ALL {
        let browser = browser_as(&app, role).await;
        for (path, args, allowed) in matrix() {
            let fields: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let status = browser.call(path, &fields).await.status().as_u16();
            if allowed.contains(&role) {
                assert!(
                    status != 401 && status != 403 && status < 500,
                    "{path} as {role:?}: allowed, got {status}"
                );
            } else {
                let expected = if role == Role::Anonymous { 401 } else { 403 };
                assert_eq!(status, expected, "{path} as {role:?}");
            }
        }
    }
}

/// Granting a role through the team page, and the audit log recording it.
async fn organisers_manage_their_team(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(
        &app.db,
        server::config::DemoSize::Bare,
        "demo passphrase 2027",
    )
    .await
    .unwrap();
    let organiser = browser_as(&app, Role::Organiser).await;
    let res = organiser
        .submit(
            "/forums/demo/team",
            "/api/forums/grant-role",
            &[
                ("forum", "demo"),
                ("email", "participant@demo.plenum.localhost"),
                ("role", "reviewer"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, page) = organiser.get_text("/forums/demo/team").await;
    assert_eq!(status, 200);
    assert_eq!(
        page.matches("<td>Demo Participant</td>").count(),
        1,
        "listed once"
    );
    // Granting the same role again is a field error, shown on the page.
    let res = organiser
        .submit(
            "/forums/demo/team",
            "/api/forums/grant-role",
            &[
                ("forum", "demo"),
                ("email", "participant@demo.plenum.localhost"),
                ("role", "reviewer"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("already has this role"));
    // The participant is now a reviewer: the team page is still not theirs.
    let participant = browser_as(&app, Role::Participant).await;
    let (status, _) = participant.get_text("/forums/demo/team").await;
    assert_eq!(status, 403);
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let grants = app::db::audit_event::Entity::find()
        .filter(app::db::audit_event::Column::Action.eq("role.granted"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].subject, "participant@demo.plenum.localhost");
}

/// Admin pages: the audit log and the outbox render for admins, refuse others.
async fn admin_pages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(
        &app.db,
        server::config::DemoSize::Bare,
        "demo passphrase 2027",
    )
    .await
    .unwrap();
    app.create_admin("admin@test.localhost", "demo passphrase 2027")
        .await;
    app.verified_person("Zoe", "zoe@example.org", "correct horse battery")
        .await;
    let admin = browser_as(&app, Role::Admin).await;
    let (status, page) = admin.get_text("/admin/audit").await;
    assert_eq!(status, 200);
    assert!(page.contains("account.signed-up") && page.contains("zoe@example.org"));
    let (status, page) = admin.get_text("/admin/outbox").await;
    assert_eq!(status, 200);
    assert!(page.contains("zoe@example.org"));
    let (status, _) = browser_as(&app, Role::Organiser)
        .await
        .get_text("/admin/outbox")
        .await;
    assert_eq!(status, 403);
    let (status, _) = app.browser().get_text("/admin/audit").await;
    assert_eq!(status, 401);
}

on_both!(
    every_server_function_checks_its_callers,
    organisers_manage_their_team,
    admin_pages
);
