Feature: Deactivation as soft delete, refused deletes, delays and legal holds (PRV-08/09/10, INC-06/07)

  @PRV-08 @must
  Scenario: a deactivated user stays readable by id over SCIM
    Given a tenant with settings:
      """
      {"softDelete": true}
      """
    And in the tenant a provisioned user "alice"
    When the IdP deactivates "alice"
    Then in the tenant reading "alice" shows "active" as false

  @PRV-08 @must
  Scenario: deactivation removes the user from every group
    Given a tenant with settings:
      """
      {"softDelete": true}
      """
    And in the tenant a provisioned user "alice"
    And in the tenant a provisioned group "engineering" with members "alice"
    When the IdP deactivates "alice"
    Then in the tenant the group "engineering" does not list "alice"

  @PRV-08 @must
  Scenario: a deactivated user is hidden from the product's views
    Given a tenant with settings:
      """
      {"softDelete": true}
      """
    And in the tenant a provisioned user "alice"
    When the IdP deactivates "alice"
    Then the local view does not list "alice"

  @PRV-08 @must
  Scenario: reactivation does not restore the old memberships
    Given a tenant with settings:
      """
      {"softDelete": true}
      """
    And in the tenant a provisioned user "alice"
    And in the tenant a provisioned group "engineering" with members "alice"
    And the IdP deactivated "alice"
    When the IdP reactivates "alice"
    Then in the tenant reading "alice" shows "active" as true
    And in the tenant the group "engineering" does not list "alice"
    And the local view lists "alice"

  @PRV-09 @should
  Scenario: policies naming a deactivated user are not changed, and the sync log lists them
    Given a tenant with settings:
      """
      {"softDelete": true}
      """
    And in the tenant a provisioned user "alice"
    And a policy "pii-readers" naming "alice" exists
    When the IdP deactivates "alice"
    Then the policy "pii-readers" still names "alice"
    And the sync log has a "policy-review" entry for "alice" mentioning "pii-readers"

  @PRV-10 @must
  Scenario: a tenant that does not delete users over SCIM answers a SCIM error, not a silent success
    Given a tenant with settings:
      """
      {"refuseUserDelete": true}
      """
    And in the tenant a provisioned user "alice"
    When the IdP deletes the user "alice"
    Then the response is a refusal: a SCIM error with status 403 or 405
    And in the tenant a GET of "/Users/{{alice.id}}" answers 200

  @PRV-10 @INC-08 @should
  Scenario: a user deleted over SCIM is recorded in the sync log
    Given a tenant with settings:
      """
      {}
      """
    And in the tenant a provisioned user "alice"
    When the IdP deletes the user "alice"
    Then the response status is 204
    And the sync log has a "delete" entry for "alice" with outcome "success"

  @INC-06 @must
  Scenario: with a deactivation delay the user is blocked at once and deactivated only after the delay
    Given a tenant with settings:
      """
      {"deactivationDelayMs": 3600000}
      """
    And in the tenant a provisioned user "alice"
    When the IdP deactivates "alice"
    Then the local user "alice" has status "blocked"
    And after 59 minutes the local user "alice" has status "blocked"
    And after 61 minutes the local user "alice" has status "deactivated"

  @INC-06 @must
  Scenario: unblocking inside the delay cancels the pending deactivation
    Given a tenant with settings:
      """
      {"deactivationDelayMs": 3600000}
      """
    And in the tenant a provisioned user "alice"
    And the IdP deactivated "alice"
    When the product unblocks "alice"
    Then after 120 minutes the local user "alice" has status "active"

  @INC-07 @must
  Scenario: a user on legal hold is blocked instead of deactivated, and deactivated once released
    Given a tenant with settings:
      """
      {"softDelete": true}
      """
    And in the tenant a provisioned user "alice"
    And "alice" is on legal hold
    When the IdP deactivates "alice"
    Then the local user "alice" has status "blocked"
    And after 1440 minutes the local user "alice" has status "blocked"
    And after "alice" is released from legal hold the local user "alice" has status "deactivated"
