{{/* Names and labels shared by every manifest of the chart. */}}
{{- define "medgo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "medgo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "medgo.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "medgo.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "medgo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "medgo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "medgo.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "medgo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "medgo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "medgo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "medgo.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Production must not start on what a demo can do without: fail the render with a clear message. */}}
{{- define "medgo.checkProduction" -}}
{{- if eq .Values.profile "production" }}
{{- if not .Values.database.url }}{{ fail "profile production: set database.url (the hospital's PostgreSQL); the embedded database is for demos" }}{{ end }}
{{- if not .Values.oauth.issuer }}{{ fail "profile production: set oauth.issuer (the hospital's OAuth2/SMART server)" }}{{ end }}
{{- if not .Values.oauth.audience }}{{ fail "profile production: set oauth.audience" }}{{ end }}
{{- if not .Values.secrets.existingSecret }}{{ fail "profile production: set secrets.existingSecret (database password, de-identification secret, vault key); the chart never generates them" }}{{ end }}
{{- if not .Values.audit.keySecret }}{{ fail "profile production: set audit.keySecret (the audit checkpoint signing key pair)" }}{{ end }}
{{- else }}
{{- if and (not .Values.database.url) (gt (int .Values.replicaCount) 1) }}{{ fail "the embedded PostgreSQL serves one replica: set database.url for replicaCount > 1" }}{{ end }}
{{- end }}
{{- if and (eq .Values.inference.backend "openai") (not .Values.inference.url) }}{{ fail "inference.backend openai needs inference.url" }}{{ end }}
{{- if and (eq .Values.model.source "pvc") (not .Values.model.pvc.claimName) }}{{ fail "model.source pvc needs model.pvc.claimName" }}{{ end }}
{{- if and (eq .Values.model.source "initContainer") (not .Values.model.initContainer.image) }}{{ fail "model.source initContainer needs model.initContainer.image" }}{{ end }}
{{- end }}
