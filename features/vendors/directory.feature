Feature: Pull-based sync from an LDAP directory (PRV-16)

  @PRV-16 @should
  Scenario: users are pulled from the directory on schedule and refreshed on the next pull
    Given an LDAP directory with the users "ada, grace"
    And a tenant pulling hourly from that directory
    When an hour passes
    Then in the tenant the directory users "ada, grace" exist
    And after the directory changes the display name of "ada" and an hour passes, the tenant shows the new display name
