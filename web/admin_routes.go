package web

import "github.com/rapport-crm/rapport/crm"

// adminRoutes are the people side of administration, without a shell:
// users (invite, role, team, deactivate, password links), teams and their
// lead round robin, API tokens, and the first-run checklist. Managers may
// invite reps into their own team, deactivate them, reset their passwords
// and set their team's rule; the handlers check that.
func (s *Server) adminRoutes() []route {
	lang := recLangParam
	return []route{
		apiRoute(post, "/api/v1/users/invite", "Invite a user: they are created without a password and the answer "+
			"carries a one-time link (7 days) to choose one (admin; a manager invites reps into their own team)",
			s.inviteUser).in(inviteBody{}).created(),
		apiRoute(post, "/api/v1/users/{id}/password-link", "Reset a user's password: it stops working at once, their "+
			"sessions end, and the answer carries a one-time link to choose a new one (admin; a manager for their team's reps)",
			s.resetPassword),
		apiRoute(post, "/api/v1/users/{id}/disable", "Deactivate a user: their sessions and API tokens stop working "+
			"at once; the last admin cannot be deactivated (admin; a manager for their team's reps)", s.disableUser),
		apiRoute(post, "/api/v1/users/{id}/enable", "Let a deactivated user log in again (admin; a manager for their team's reps)",
			s.enableUser),
		apiRoute(patch, "/api/v1/teams/{id}", "Rename a team (admin)", s.renameTeam).in(crm.Team{}).admin(),
		apiRoute(get, "/api/v1/assignment-rules", "Every team's lead round robin and open-lead cap; a team without "+
			"one leaves its new leads unassigned", s.listAssignmentRules),
		apiRoute(del, "/api/v1/teams/{id}/assignment-rule", "End a team's lead round robin (admin, or the team's manager)",
			s.deleteAssignmentRule),
		apiRoute(get, "/api/v1/tokens", "List API tokens: name, whose, created, last used (admin)", s.listAPITokens).admin(),
		apiRoute(post, "/api/v1/tokens", "Create an API token acting as you; its secret is in this answer only (admin)",
			s.createAPIToken).in(tokenBody{}).created().admin(),
		apiRoute(del, "/api/v1/tokens/{id}", "Revoke an API token: calls with it fail at once (admin)",
			s.revokeAPIToken).admin(),
		apiRoute(get, "/api/v1/setup", "The first-run checklist: each step and whether it is done (admin)",
			s.getSetup).admin(),
		apiRoute(post, "/api/v1/setup/dismiss", "Hide the first-run checklist for everyone (admin)", s.dismissSetup).admin(),

		rawRoute(get, "/invite/{token}", "Choose a password from an invitation or reset link (public)", html,
			s.getInvitePage).open().query(lang),
		rawRoute(post, "/invite/{token}", "Set the password of an invitation or reset link, and log in (form; public)",
			html, s.postInvitePage).open().query(lang),
		rawRoute(get, "/admin/users", "Users: invite, role, team, deactivate (page; admin, or a manager for their team)",
			html, s.getUsersPage).page().query(lang),
		rawRoute(post, "/admin/users", "Invite a user (form; admin, or a manager for their team)", html,
			s.postInvitePageForm).page().query(lang),
		rawRoute(get, "/admin/users/{id}", "One user (page; admin, or a manager for their team's reps)", html,
			s.getUserPage).page().query(concat(lang, []param{{"saved", "boolean", "say that the changes were saved"}})),
		rawRoute(post, "/admin/users/{id}", "Save a user's name, role and team (form; admin)", html,
			s.postUserPage).page().admin().query(lang),
		rawRoute(post, "/admin/users/{id}/{action}", "Deactivate, reactivate or reset the password of a user (form)",
			html, s.postUserAction).page().query(lang),
		rawRoute(get, "/admin/teams", "Teams, their members and lead round robin (page; admin and managers)", html,
			s.getTeamsPage).page().query(concat(lang, []param{{"saved", "boolean", "say that the changes were saved"}})),
		rawRoute(post, "/admin/teams", "Create a team (form; admin)", html, s.postTeamCreate).page().admin().query(lang),
		rawRoute(post, "/admin/teams/{id}", "Rename a team, or set its round robin (form)", html,
			s.postTeamPage).page().query(lang),
		rawRoute(get, "/admin/tokens", "API tokens (page; admin)", html, s.getTokensPage).page().admin().
			query(concat(lang, []param{{"saved", "boolean", "say that the changes were saved"}})),
		rawRoute(post, "/admin/tokens", "Create an API token (form; admin)", html, s.postTokenCreate).page().admin().query(lang),
		rawRoute(post, "/admin/tokens/{id}/revoke", "Revoke an API token (form; admin)", html,
			s.postTokenRevoke).page().admin().query(lang),
		rawRoute(get, "/setup", "The first-run checklist (page; admin)", html, s.getSetupPage).page().admin().
			query(concat(lang, []param{{"saved", "boolean", "say that the changes were saved"}})),
		rawRoute(post, "/setup/wechat", "Connect a WeChat official account from the checklist (form; admin)", html,
			s.postSetupWeChat).page().admin().query(lang),
		rawRoute(post, "/setup/dismiss", "Hide the first-run checklist (form; admin)", html,
			s.postSetupDismiss).page().admin().query(lang),
	}
}
