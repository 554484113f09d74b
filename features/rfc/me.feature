Feature: The /Me alias (RFC 7644 §3.11)

  @P-ME-01 @should
  Scenario: /Me is served, redirected, answered with 501 when unsupported, or 404 when the subject has no resource
    When I GET "/Me"
    Then /Me is served, redirected, or answered with a SCIM error 501 or 404

  @P-ME-02 @may
  Scenario: a /Me redirect leads to the subject's resource
    When I GET "/Me"
    Given the response is a 308 redirect
    Then the Location header leads to a resource

  @P-ME-03 @must
  Scenario: /Me served directly names the permanent URI of the resource
    When I GET "/Me"
    Given the response serves /Me directly
    Then the Location header is the URI of the resource in the body
