//! Logging in: a key file, or a password offered as `password` and then as
//! `keyboard-interactive` (what PAM servers use). Errors name the host and the methods tried,
//! never the password.

use super::session::Auth;
use crate::secret::Secret;
use crate::transport::TransportError;
use ssh2::{KeyboardInteractivePrompt, Prompt, Session};

/// Answers every keyboard-interactive prompt with the password (PAM asks "Password: ", and may
/// send further, empty rounds, which get empty answers).
struct AnswerWithPassword<'a>(&'a Secret);

impl KeyboardInteractivePrompt for AnswerWithPassword<'_> {
    fn prompt<'b>(&mut self, _user: &str, _instr: &str, prompts: &[Prompt<'b>]) -> Vec<String> {
        prompts
            .iter()
            .map(|_| self.0.expose().to_string())
            .collect()
    }
}

pub(super) fn authenticate(
    session: &Session,
    target: &str,
    user: &str,
    auth: Auth<'_>,
) -> Result<(), TransportError> {
    let failed = |detail: String| TransportError::AuthFailed {
        target: target.to_string(),
        user: user.to_string(),
        detail,
    };
    let offered = match session.auth_methods(user) {
        // The server's words: escaped before they can reach a message.
        Ok(m) => crate::sanitize::for_terminal(m),
        Err(_) if session.authenticated() => return Ok(()),
        Err(e) => {
            return Err(TransportError::Ssh {
                target: target.to_string(),
                step: "login",
                source: e,
            });
        }
    };
    let has = |m: &str| offered.split(',').any(|o| o == m);
    let mut tried = Vec::new();
    match auth {
        Auth::KeyFile { private, public } => {
            if !has("publickey") {
                return Err(failed(format!(
                    "the server does not accept keys; it offers: {offered}"
                )));
            }
            tried.push("publickey");
            if session
                .userauth_pubkey_file(user, public, private, None)
                .is_ok()
                && session.authenticated()
            {
                return Ok(());
            }
            Err(failed(format!(
                "key {} refused; the server offers: {offered}",
                private.display()
            )))
        }
        Auth::Password(pw) => {
            if has("password") {
                tried.push("password");
                if session.userauth_password(user, pw.expose()).is_ok() && session.authenticated() {
                    return Ok(());
                }
            }
            if has("keyboard-interactive") && !session.authenticated() {
                tried.push("keyboard-interactive");
                let mut answer = AnswerWithPassword(pw);
                if session
                    .userauth_keyboard_interactive(user, &mut answer)
                    .is_ok()
                    && session.authenticated()
                {
                    return Ok(());
                }
            }
            if tried.is_empty() {
                return Err(failed(format!(
                    "the server accepts no password login; it offers: {offered}"
                )));
            }
            Err(failed(format!(
                "wrong password or user? tried {}; the server offers: {offered}",
                tried.join(" and ")
            )))
        }
    }
}
