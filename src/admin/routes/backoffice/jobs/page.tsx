import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading } from "@medusajs/ui"

const BackgroundJobsPage = () => (
  <Container>
    <Heading>Background jobs</Heading>
  </Container>
)

export const config = defineRouteConfig({
  label: "Background jobs",
  nested: "/customers",
})

export default BackgroundJobsPage
