{{/* Names, labels and the few decisions that more than one template needs. */}}

{{- define "tsforge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tsforge.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tsforge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tsforge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tsforge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tsforge.labels" -}}
helm.sh/chart: {{ include "tsforge.chart" . }}
{{ include "tsforge.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "tsforge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tsforge.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The CUDA image on a GPU node, the CPU image elsewhere. */}}
{{- define "tsforge.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion }}
{{- if .Values.gpu.enabled }}
{{- $tag = .Values.image.cudaTag | default (printf "%s-cuda" .Chart.AppVersion) }}
{{- end }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}

{{/* The ND4J backend; asking for cuda without a GPU would only make the pod fail its start. */}}
{{- define "tsforge.backend" -}}
{{- $backend := .Values.runtime.backend | default (ternary "cuda" "cpu" .Values.gpu.enabled) }}
{{- if and (eq $backend "cuda") (not .Values.gpu.enabled) }}
{{- fail "runtime.backend=cuda needs gpu.enabled=true (a GPU, the CUDA image and its runtime class)" }}
{{- end }}
{{- $backend }}
{{- end }}

{{/* A writable JavaCPP cache: always on a GPU, where the CUDA natives unpack at the first start. */}}
{{- define "tsforge.cacheEmptyDir" -}}
{{- if or .Values.gpu.enabled .Values.runtime.cache.emptyDir }}true{{ end }}
{{- end }}

{{- define "tsforge.cacheDir" -}}
{{- if include "tsforge.cacheEmptyDir" . }}/var/cache/tsforge/javacpp{{ else }}/opt/tsforge/javacpp{{ end }}
{{- end }}

{{- define "tsforge.claimName" -}}
{{- .Values.persistence.existingClaim | default (printf "%s-data" (include "tsforge.fullname" .)) }}
{{- end }}

{{- define "tsforge.securitySecretName" -}}
{{- .Values.security.existingSecret | default (printf "%s-security" (include "tsforge.fullname" .)) }}
{{- end }}

{{- define "tsforge.jwtPublicKeyPath" -}}
/etc/tsforge/jwt/public-key.pem
{{- end }}

{{- define "tsforge.jwtConfigured" -}}
{{- with .Values.security.jwt }}{{ if or .issuerUri .jwkSetUri .publicKey }}true{{ end }}{{ end }}
{{- end }}

{{- define "tsforge.webhooksSecretName" -}}
{{- .Values.webhooks.existingSecret | default (printf "%s-webhooks" (include "tsforge.fullname" .)) }}
{{- end }}

{{- define "tsforge.postgresSecretName" -}}
{{- .Values.postgresql.existingSecret | default (printf "%s-postgresql" (include "tsforge.fullname" .)) }}
{{- end }}

{{/*
Replicas share state only through PostgreSQL (series, jobs, registry and, by default, the models) and, where models
are files or the volume is kept, a ReadWriteMany volume. Otherwise more than one pod is refused, and updates replace
the pod instead of rolling (H2 holds a file lock, a ReadWriteOnce volume attaches to one node).
*/}}
{{- define "tsforge.sharedStorage" -}}
{{- $rwx := and .Values.persistence.enabled (has "ReadWriteMany" .Values.persistence.accessModes) }}
{{- $modelsInDatabase := and (eq .Values.storage.models "database") (not .Values.persistence.enabled) }}
{{- if and .Values.postgresql.enabled (or $rwx $modelsInDatabase) }}true{{ end }}
{{- end }}

{{- define "tsforge.validate" -}}
{{- if and (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled) (not (include "tsforge.sharedStorage" .)) }}
{{- fail "replicaCount > 1 and autoscaling need postgresql.enabled=true and either persistence.enabled=false with storage.models=database (models in PostgreSQL, an emptyDir per pod) or persistence with accessModes [ReadWriteMany]: replicas must share the database and the models" }}
{{- end }}
{{- if and (include "tsforge.jwtConfigured" .) (not .Values.security.enabled) }}
{{- fail "security.jwt needs security.enabled=true: with security off no token is ever checked" }}
{{- end }}
{{- if and .Values.security.jwt.jwkSetUri .Values.security.jwt.publicKey }}
{{- fail "security.jwt: set jwkSetUri or publicKey, not both" }}
{{- end }}
{{- if .Values.postgresql.enabled }}
{{- if not .Values.postgresql.host }}
{{- fail "postgresql.enabled=true needs postgresql.host" }}
{{- end }}
{{- if and (not .Values.postgresql.existingSecret) (not .Values.postgresql.password) }}
{{- fail "postgresql.enabled=true needs postgresql.password or postgresql.existingSecret" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
JavaCPP's physical memory cap (heap, off-heap and the rest of the process): runtime.maxPhysicalBytes, or else 90% of
the container's memory limit, so that ND4J gets an OutOfMemoryError it can report instead of the kernel's OOM kill.
JavaCPP reads M as MiB.
*/}}
{{- define "tsforge.maxPhysicalBytes" -}}
{{- $memory := .Values.resources.limits | default dict | dig "memory" "" | toString }}
{{- if .Values.runtime.maxPhysicalBytes }}
{{- .Values.runtime.maxPhysicalBytes }}
{{- else if $memory }}
{{- $number := regexFind "^[0-9]+(\\.[0-9]+)?" $memory }}
{{- $suffix := trimPrefix $number $memory }}
{{- $multipliers := dict "" 1 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 }}
{{- if not (hasKey $multipliers $suffix) }}
{{- fail (printf "resources.limits.memory %q: use a plain number or k, M, G, T, Ki, Mi, Gi, Ti (or set runtime.maxPhysicalBytes)" $memory) }}
{{- end }}
{{- $bytes := mulf (float64 $number) (get $multipliers $suffix) }}
{{- printf "%dM" (int64 (floor (divf (mulf $bytes 0.9) 1048576))) }}
{{- end }}
{{- end }}

{{/*
The pod's affinity: .Values.affinity, and with gpu.enabled and gpu.computeAffinity.enabled a required match on the
GPU's compute capability label, added to every node selector term of it (terms are ORed, expressions within one
ANDed, so the GPU condition has to be in each).
*/}}
{{- define "tsforge.affinity" -}}
{{- $affinity := deepCopy (.Values.affinity | default dict) }}
{{- $compute := .Values.gpu.computeAffinity | default dict }}
{{- if and .Values.gpu.enabled $compute.enabled }}
{{- $expression := dict "key" $compute.label "operator" $compute.operator "values" (list (toString $compute.value)) }}
{{- $nodeAffinity := get $affinity "nodeAffinity" | default dict }}
{{- $required := get $nodeAffinity "requiredDuringSchedulingIgnoredDuringExecution" | default dict }}
{{- $terms := list }}
{{- range (get $required "nodeSelectorTerms" | default (list dict)) }}
{{- $term := deepCopy . }}
{{- $_ := set $term "matchExpressions" (append (get $term "matchExpressions" | default list) $expression) }}
{{- $terms = append $terms $term }}
{{- end }}
{{- $_ := set $required "nodeSelectorTerms" $terms }}
{{- $_ := set $nodeAffinity "requiredDuringSchedulingIgnoredDuringExecution" $required }}
{{- $_ := set $affinity "nodeAffinity" $nodeAffinity }}
{{- end }}
{{- if $affinity }}
{{- toYaml $affinity }}
{{- end }}
{{- end }}
