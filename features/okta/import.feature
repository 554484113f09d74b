Feature: Okta imports users (idp-behaviours.md §1.6)

  Import pages through /Users with count=100 (startIndex 1, 101, ...) until totalResults, and skips users
  whose active is false. Only this scenario's users are counted: others may come and go while it pages.

  @X-OKTA-04 @P-PAGE-06 @P-PAGE-11 @must @okta
  Scenario: an import across several pages lists every user once
    Given Okta provisions to the target
    And Okta has assigned 101 people
    When Okta imports the users
    Then Okta's import lists the users of all 101 people once each
    And Okta's import took more than one page

  @X-OKTA-02 @X-OKTA-04 @S-USER-04 @must @okta
  Scenario: an import skips the users Okta deactivated, and only those
    Given the server supports patch
    And Okta provisions to the target
    And Okta has assigned "ana, ben, cleo"
    And Okta has deactivated "ben"
    When Okta imports the users
    Then Okta's import lists the users of "ana, cleo" once each
    And Okta's import leaves out the user of "ben"
