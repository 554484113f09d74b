Feature: Entra ID soft-deletes, then deletes (idp-behaviours.md §2.4)

  A user soft-deleted in Entra ID is disabled in the target (PATCH active false) and must stay readable; after
  the soft-delete period (30 days) Entra ID sends DELETE. The scenarios move Entra ID's clock forward instead of
  waiting. When the simulator sends its DELETE is its own behaviour, pinned by test/simulators/entra.test.ts;
  the scenarios judge what the target shows.

  @X-ENTRA-09 @S-USER-04 @must @entra
  Scenario: a soft-deleted user is disabled, and nothing is deleted before the period ends
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And Entra ID has provisioned "maria"
    And "maria" was soft-deleted in Entra ID
    When 29 days pass and Entra ID runs its hard-delete pass
    Then the user of "maria" is inactive in the target
    And the target has exactly one user for the person "maria"

  @X-ENTRA-09 @P-DEL-01 @P-DEL-02 @P-DEL-04 @must @entra
  Scenario: after the soft-delete period Entra ID deletes the user, and it is gone
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And Entra ID has provisioned "maria"
    And "maria" was soft-deleted in Entra ID
    When 30 days pass and Entra ID runs its hard-delete pass
    Then the user of "maria" is gone from the target

  @X-ENTRA-09 @S-USER-04 @must @entra
  Scenario: a user restored from soft delete is active again, the same user
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And Entra ID has provisioned "maria"
    And "maria" was soft-deleted in Entra ID
    When "maria" is restored in Entra ID
    Then the user of "maria" is active in the target
    And the target has exactly one user for the person "maria"

  # Entra does not re-push memberships on restore, so it asks apps to keep the memberships of inactive users.
  @X-ENTRA-09 @should @entra
  Scenario: a disabled user keeps its group memberships
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And Entra ID has provisioned "maria, ben"
    And Entra ID has provisioned the group "Sales" with the members "maria, ben"
    When Entra ID disables "maria"
    Then the pushed group "Sales" has exactly the members "maria, ben"
