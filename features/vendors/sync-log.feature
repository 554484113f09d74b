Feature: The sync log of provisioning (INC-08)

  @INC-08 @must
  Scenario: every user created, updated, deactivated or deleted by provisioning is logged with time, source and outcome
    Given a tenant whose connection serves "okta" with settings:
      """
      {}
      """
    And in the tenant a provisioned user "alice"
    And the IdP renamed "alice" to "Alice Example"
    And the IdP deactivated "alice"
    When the IdP deletes the user "alice"
    Then the sync log lists for "alice" the operations "create, update, deactivate, delete" with outcome "success"
    And every sync log entry for "alice" names the time, the connection and the provider "okta"

  @INC-08 @should
  Scenario: the sync log can be filtered by operation
    Given a tenant with settings:
      """
      {}
      """
    And in the tenant a provisioned user "alice"
    And in the tenant a provisioned user "bob"
    And the IdP deactivated "bob"
    Then the sync log filtered on operation "deactivate" lists only "bob"
